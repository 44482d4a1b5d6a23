"""The dates data set (``datasets/dates.h5``): human-written dates and their machine form.

One source for c5w3a1 (translation with attention) and c5w4a1 (the Transformer):

    pairs = load_dates("train", m=10000)         # [("saturday may 9 2018", "2018-05-09"), ...]
    human_vocab, machine_vocab, inv_machine_vocab = load_vocabularies()
    X, Y, Xoh, Yoh = preprocess_data(pairs, human_vocab, machine_vocab, TX, TY)
    # X (m, Tx) int indices, Y (m, Ty), Xoh (m, Tx, 37) one-hot, Yoh (m, Ty, 11)

The human strings are lower case without commas (``clean_date`` does the same to what a user
types); ``<pad>`` fills a string up to Tx characters and ``<unk>`` stands for a character the
training data never uses.  How the file was built: ``datasets/build_dates.py``.
"""
from __future__ import annotations

from functools import lru_cache

import numpy as np

from utils.data import load_dataset

__all__ = ["TX", "TY", "SPLITS", "load_dates", "load_vocabularies", "clean_date",
           "string_to_int", "int_to_string", "one_hot", "preprocess_data", "exact_match",
           "position_accuracy", "attention_model", "translate", "plot_attention"]

TX, TY = 30, 10
SPLITS = ("train", "test", "samples")


@lru_cache(maxsize=1)
def _data() -> dict:
    return load_dataset("dates")


def _lines(utf8: np.ndarray) -> list[str]:
    return utf8.tobytes().decode("utf-8").split("\n")


def load_dates(split: str = "train", m: int | None = None) -> list[tuple[str, str]]:
    """The first ``m`` (all if None) pairs (human, machine) of a split: "train" (50,000),
    "test" (2,000 held out: no human string of it occurs in "train") or "samples" (8)."""
    if split not in SPLITS:
        raise ValueError(f"split must be one of {SPLITS}, got {split!r}")
    data = _data()
    pairs = list(zip(_lines(data[f"{split}_human"]), _lines(data[f"{split}_machine"])))
    return pairs if m is None else pairs[:m]


def load_vocabularies() -> tuple[dict, dict, dict]:
    """(human_vocab, machine_vocab, inv_machine_vocab): character -> index for the 37 human
    characters (``<unk>`` and ``<pad>`` last) and the 11 machine characters, and the inverse
    index -> character of the machine one."""
    data = _data()
    human = {c: i for i, c in enumerate(_lines(data["human_vocab"]))}
    machine = {c: i for i, c in enumerate(_lines(data["machine_vocab"]))}
    return human, machine, {i: c for c, i in machine.items()}


def clean_date(text: str) -> str:
    """What the data's human strings look like: lower case, no commas, single spaces."""
    return " ".join(text.lower().replace(",", "").split())


def string_to_int(string: str, length: int, vocab: dict) -> np.ndarray:
    """Indices (length,) of the characters of ``string`` (cut to ``length``), unknown ones as
    ``<unk>``, followed by ``<pad>`` up to ``length`` (if the vocabulary has these tokens)."""
    chars = list(string[:length])
    unk = vocab.get("<unk>")
    ids = []
    for c in chars:
        if c not in vocab and unk is None:
            raise ValueError(f"character {c!r} is not in the vocabulary")
        ids.append(vocab.get(c, unk))
    if len(ids) < length:
        if "<pad>" not in vocab:
            raise ValueError(f"{string!r} is shorter than {length} and the vocabulary has no "
                             "<pad>")
        ids += [vocab["<pad>"]] * (length - len(ids))
    return np.array(ids, dtype=np.int64)


def int_to_string(ints, inv_vocab: dict) -> str:
    """The characters of a sequence of indices (``<pad>`` left out)."""
    return "".join(inv_vocab[int(i)] for i in ints if inv_vocab[int(i)] != "<pad>")


def one_hot(indices: np.ndarray, n: int) -> np.ndarray:
    """(..., ) integer indices -> (..., n) float32 one-hot rows."""
    return np.eye(n, dtype=np.float32)[np.asarray(indices)]


def preprocess_data(pairs, human_vocab: dict, machine_vocab: dict, Tx: int = TX,
                    Ty: int = TY):
    """Indices and one-hot arrays of a list of (human, machine) pairs.

    Returns X (m, Tx) and Y (m, Ty) int64 indices, Xoh (m, Tx, len(human_vocab)) and
    Yoh (m, Ty, len(machine_vocab)) float32 one-hot arrays.  Human strings are cleaned
    with ``clean_date`` first."""
    X = np.array([string_to_int(clean_date(h), Tx, human_vocab) for h, _ in pairs])
    Y = np.array([string_to_int(t, Ty, machine_vocab) for _, t in pairs])
    X, Y = X.reshape(len(pairs), Tx), Y.reshape(len(pairs), Ty)
    return X, Y, one_hot(X, len(human_vocab)), one_hot(Y, len(machine_vocab))


def exact_match(predicted, expected) -> float:
    """Fraction of the strings predicted exactly (two lists of strings)."""
    return float(np.mean([p == e for p, e in zip(predicted, expected, strict=True)]))


def position_accuracy(predicted, expected) -> np.ndarray:
    """(Ty,) fraction of right characters at each position of equally long machine strings."""
    P = np.array([list(p) for p in predicted])
    E = np.array([list(e) for e in expected])
    return (P == E).mean(axis=0)


# ------------------------------------------------------------------ a trained model's answers
def attention_model(model):
    """A model with ``model``'s inputs whose outputs are the attention weights of every output
    step: the outputs of each call of its ``Softmax`` layer over the time axis (the layer
    named "attention_weights"), Ty arrays (m, Tx, 1)."""
    from utils import nn  # noqa: PLC0415
    outs = [node.outputs[0] for node in model._nodes
            if isinstance(node.layer, (nn.Softmax, nn.Activation))
            and node.layer.name == "attention_weights"]
    if not outs:
        raise ValueError("the model has no layer named 'attention_weights'")
    return nn.Model(model.inputs, outs)


def translate(model, strings, n_s: int, with_attention: bool = False, batch: int = 500):
    """The model's machine strings for a list of human strings (argmax at each of the Ty
    steps, from s0 = c0 = zeros (m, n_s)); with ``with_attention`` also the attention weights,
    an array (m, Ty, Tx)."""
    human_vocab, machine_vocab, inv = load_vocabularies()
    Tx = model.inputs[0].shape[1]
    Ty = len(model.outputs)
    _, _, Xoh, _ = preprocess_data([(s, "0" * Ty) for s in strings], human_vocab,
                                   machine_vocab, Tx, Ty)
    probe = attention_model(model) if with_attention else None
    out, maps = [], []
    for k in range(0, len(strings), batch):
        x = Xoh[k:k + batch]
        zeros = np.zeros((len(x), n_s), dtype=np.float32)
        probs = model.predict([x, zeros, zeros])
        ids = np.stack([p.argmax(axis=-1) for p in probs], axis=1)
        out += [int_to_string(row, inv) for row in ids]
        if probe is not None:
            maps.append(np.stack([w[..., 0] for w in probe.predict([x, zeros, zeros])], axis=1))
    return (out, np.concatenate(maps)) if with_attention else out


def plot_attention(weights, human: str, machine: str, ax=None, title: str | None = None):
    """Heat map of one example's attention weights (Ty, Tx): row t is output character t of
    ``machine``, column t' input character t' of ``human`` (padding columns left out)."""
    import matplotlib.pyplot as plt  # noqa: PLC0415
    human = clean_date(human)[:weights.shape[1]]
    n = max(len(human), 1)
    ax = ax or plt.gca()
    ax.imshow(weights[:, :n], cmap="viridis", vmin=0, aspect="auto")
    ax.set_xticks(range(n), list(human))
    ax.set_yticks(range(len(machine)), list(machine))
    ax.set_xlabel("input characters")
    ax.set_ylabel("output characters")
    ax.set_title(title or f"{human!r} -> {machine!r}")
    return ax
