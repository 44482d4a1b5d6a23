"""Operations on word vectors: cosine similarity, analogies, and debiasing (c5w2a1's answers).

These are the course's reference answers to c5w2a1 (word vectors and debiasing), so that
assignment's grading sandbox does not contain this module; later notebooks (c5w2a2, Emojify)
import them freely.  The vectors themselves come from :mod:`utils.glove`.

Vectors are 1-D float arrays of shape (n,) (n = 50 for GloVe); ``word_to_vec_map`` is a dict
{word: vector}.  The formulas follow the lecture (Bolukbasi et al. 2016, as the course
presents them):

* cosine similarity   sim(u, v) = u.v / (||u|| ||v||)
* analogy a:b :: c:?   the word w (not a, b or c) that maximises sim(e_b - e_a, e_w - e_c)
* neutralize           e - (e.g / ||g||^2) g
* equalize             see :func:`equalize`
"""
from __future__ import annotations

import numpy as np

from utils.testing import course_reference

TAUGHT_IN = ("c5w2a1_word_vectors_debiasing",)

__all__ = ["cosine_similarity", "complete_analogy", "neutralize", "equalize"]


@course_reference
def cosine_similarity(u: np.ndarray, v: np.ndarray) -> float:
    """Cosine of the angle between u and v, both of shape (n,): u.v / (||u|| ||v||)."""
    return float(np.dot(u, v) / (np.sqrt(np.sum(u * u)) * np.sqrt(np.sum(v * v))))


def _cos(u, v):
    return np.dot(u, v) / (np.sqrt(np.sum(u * u)) * np.sqrt(np.sum(v * v)))


@course_reference
def complete_analogy(word_a: str, word_b: str, word_c: str, word_to_vec_map: dict) -> str:
    """The word w that completes "a is to b as c is to w".

    w ranges over the keys of ``word_to_vec_map`` other than word_a, word_b and word_c, and
    maximises cosine_similarity(e_b - e_a, e_w - e_c); the first such word in the dict's
    order wins a tie.
    """
    e_a, e_b, e_c = (word_to_vec_map[w] for w in (word_a, word_b, word_c))
    target = e_b - e_a
    best_word, best = None, -np.inf
    for w, e_w in word_to_vec_map.items():
        if w in (word_a, word_b, word_c):
            continue
        sim = _cos(target, e_w - e_c)
        if sim > best:
            best_word, best = w, sim
    return best_word


@course_reference
def neutralize(word: str, g: np.ndarray, word_to_vec_map: dict) -> np.ndarray:
    """The vector of ``word`` with its component along g removed: e - (e.g / ||g||^2) g, (n,)."""
    e = word_to_vec_map[word]
    return e - np.dot(e, g) / np.sum(g * g) * g


@course_reference
def equalize(pair: tuple, bias_axis: np.ndarray, word_to_vec_map: dict):
    """Equalize the two words of ``pair`` along ``bias_axis`` (the course's formulas).

    mu = (e_w1 + e_w2) / 2, mu_B its projection on bias_axis, mu_orth = mu - mu_B;
    e_wiB the projection of e_wi on bias_axis;
    corrected_e_wiB = sqrt(|1 - ||mu_orth||^2|) (e_wiB - mu_B) / ||(e_wi - mu_orth) - mu_B||;
    e_i = corrected_e_wiB + mu_orth.  Returns (e_1, e_2), each of shape (n,).
    """
    w1, w2 = pair
    e_w1, e_w2 = word_to_vec_map[w1], word_to_vec_map[w2]
    gg = np.sum(bias_axis * bias_axis)
    mu = (e_w1 + e_w2) / 2
    mu_B = np.dot(mu, bias_axis) / gg * bias_axis
    mu_orth = mu - mu_B
    e_w1B = np.dot(e_w1, bias_axis) / gg * bias_axis
    e_w2B = np.dot(e_w2, bias_axis) / gg * bias_axis
    scale = np.sqrt(np.abs(1 - np.sum(mu_orth * mu_orth)))
    corrected_e_w1B = scale * (e_w1B - mu_B) / np.linalg.norm(e_w1 - mu_orth - mu_B)
    corrected_e_w2B = scale * (e_w2B - mu_B) / np.linalg.norm(e_w2 - mu_orth - mu_B)
    return corrected_e_w1B + mu_orth, corrected_e_w2B + mu_orth
