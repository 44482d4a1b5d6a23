"""The course's GloVe word vectors (``datasets/glove.h5``): loading them into Python structures.

GloVe 6B, 50 dimensions (Pennington, Socher & Manning 2014; PDDL 1.0): the 10000 most frequent
words of the original 400000-word vocabulary plus every word the course's notebooks use, in
GloVe's order (most frequent first).  The values are exactly the float64 numbers that parsing
GloVe's text file gives (see ``datasets/build_glove.py``), so results match the original
assignments digit for digit.

    >>> word_to_vec_map = load_word_to_vec_map()            # {"the": array (50,), ...}
    >>> word_to_index, index_to_word, word_to_vec_map = load_glove()
    >>> words, E = glove_matrix()                           # list of str, (n_words, 50)

This module only loads data; it is given to every notebook (it answers no exercise).
"""
from __future__ import annotations

from functools import lru_cache

import numpy as np

from utils.data import load_dataset

__all__ = ["glove_matrix", "load_word_to_vec_map", "load_glove", "EMBEDDING_DIM"]

EMBEDDING_DIM = 50


@lru_cache(maxsize=1)
def _table() -> tuple[tuple[str, ...], np.ndarray]:
    data = load_dataset("glove")
    words = tuple(bytes(data["words_utf8"]).decode("utf-8").split("\n"))
    E = data["mantissa"] / 10.0 ** data["decimals"]          # exact: see build_glove.py
    E.flags.writeable = False
    if E.shape != (len(words), EMBEDDING_DIM):
        raise ValueError(f"glove.h5: {len(words)} words but vectors of shape {E.shape}")
    return words, E


def glove_matrix() -> tuple[list[str], np.ndarray]:
    """All shipped words and their vectors.

    Returns:
    words -- list of n_words strings, most frequent first
    E -- float64 array (n_words, 50); row i is the vector of words[i] (a fresh copy)
    """
    words, E = _table()
    return list(words), E.copy()


def load_word_to_vec_map() -> dict[str, np.ndarray]:
    """A fresh dict {word: float64 array (50,)} of every shipped word (most frequent first)."""
    words, E = glove_matrix()
    return dict(zip(words, E))


def load_glove() -> tuple[dict[str, int], dict[int, str], dict[str, np.ndarray]]:
    """The vocabulary as indices, for models with an embedding layer (c5w2a2).

    Returns:
    word_to_index -- {word: index}, indices 1..n_words in GloVe's order (0 is left free for
                     padding)
    index_to_word -- the inverse mapping {index: word}
    word_to_vec_map -- {word: float64 array (50,)}
    """
    words, E = glove_matrix()
    word_to_index = {w: i for i, w in enumerate(words, start=1)}
    index_to_word = {i: w for w, i in word_to_index.items()}
    return word_to_index, index_to_word, dict(zip(words, E))
