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
           "position_accuracy"]

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
