"""Given helpers of c5w2a2 (Emojify): the sentences, the GloVe vectors, emoji, a confusion matrix.

The answers of the assignment are in ``utils/emojify.py`` (kept out of its grading sandbox);
this module holds only what the notebook is given.

    >>> X_train, Y_train, X_test, Y_test = load_emojify_sentences()
    >>> word_to_index, index_to_word, word_to_vec_map = load_glove_vectors()
"""
from __future__ import annotations

import numpy as np

from utils.data import load_dataset

__all__ = ["EMOJI", "MEANINGS", "load_emojify_sentences", "load_glove_vectors",
           "label_to_emoji", "convert_to_one_hot", "softmax", "confusion_matrix",
           "plot_confusion_matrix"]

# label -> emoji: 0 heart, 1 baseball, 2 smile, 3 disappointed, 4 fork and knife
EMOJI = ["\u2764\ufe0f", "\u26be", "\U0001F604", "\U0001F61E", "\U0001F374"]
MEANINGS = ["love", "sport", "happy", "sad", "food"]


def _lines(utf8: np.ndarray) -> list[str]:
    return utf8.tobytes().decode("utf-8").split("\n")


def load_emojify_sentences():
    """X_train, Y_train, X_test, Y_test of ``datasets/emojify.h5``.

    X_* -- lists of sentences (str: lower case, words separated by spaces)
    Y_* -- labels, np.ndarray of shape (m,), int64 values 0..4 (see EMOJI)
    """
    data = load_dataset("emojify")
    return (_lines(data["train_sentences"]), data["train_y"].astype(np.int64),
            _lines(data["test_sentences"]), data["test_y"].astype(np.int64))


def load_glove_vectors():
    """word_to_index, index_to_word, word_to_vec_map of the GloVe words in ``emojify.h5``.

    word_to_index   -- dict word -> index, 1..V in alphabetical order (0 is kept free for padding)
    index_to_word   -- dict index -> word, the inverse
    word_to_vec_map -- dict word -> np.ndarray (50,) float64, the GloVe 6B 50-d vector
    """
    data = load_dataset("emojify")
    words = _lines(data["words"])
    vectors = data["vectors"].astype(np.float64)
    word_to_vec_map = {w: vectors[i] for i, w in enumerate(words)}
    word_to_index = {w: i + 1 for i, w in enumerate(sorted(words))}
    index_to_word = {i: w for w, i in word_to_index.items()}
    return word_to_index, index_to_word, word_to_vec_map


def label_to_emoji(label) -> str:
    """The emoji of a label 0..4."""
    return EMOJI[int(label)]


def convert_to_one_hot(Y, C: int = 5) -> np.ndarray:
    """Labels (m,) -> one-hot rows (m, C)."""
    return np.eye(C)[np.asarray(Y, dtype=np.int64).reshape(-1)]


def softmax(z: np.ndarray) -> np.ndarray:
    """Softmax of a vector (or along the last axis), shifted by the maximum for stability."""
    e = np.exp(z - np.max(z, axis=-1, keepdims=True))
    return e / np.sum(e, axis=-1, keepdims=True)


def confusion_matrix(y_true, y_pred, C: int = 5) -> np.ndarray:
    """(C, C) counts: row = true label, column = predicted label."""
    counts = np.zeros((C, C), dtype=np.int64)
    np.add.at(counts, (np.asarray(y_true, dtype=np.int64), np.asarray(y_pred, dtype=np.int64)), 1)
    return counts


def plot_confusion_matrix(y_true, y_pred, title: str = "", ax=None):
    """Draw the confusion matrix with the classes' meanings as tick labels; returns the axes."""
    import matplotlib.pyplot as plt
    counts = confusion_matrix(y_true, y_pred)
    if ax is None:
        _, ax = plt.subplots(figsize=(4.2, 3.8))
    ax.imshow(counts, cmap="Blues")
    for i in range(counts.shape[0]):
        for j in range(counts.shape[1]):
            ax.text(j, i, str(counts[i, j]), ha="center", va="center",
                    color="white" if counts[i, j] > counts.max() / 2 else "black")
    ax.set_xticks(range(5), MEANINGS)
    ax.set_yticks(range(5), MEANINGS)
    ax.set_xlabel("predicted")
    ax.set_ylabel("true")
    ax.set_title(title)
    return ax
