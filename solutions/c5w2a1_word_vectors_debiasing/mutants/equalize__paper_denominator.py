# Mistake: divides by ||e_w1B - mu_B|| (the paper's form, the part along g only) instead of
# ||(e_w1 - mu_orth) - mu_B||; the two agree for man/woman, whose difference is g itself.
import numpy as np

def equalize(pair, bias_axis, word_to_vec_map):
    """Make two definitional words differ only along bias_axis, symmetrically.

    Arguments:
    pair -- tuple of two strings, e.g. ("man", "woman"), keys of word_to_vec_map
    bias_axis -- vector of shape (n,), the bias direction (here the gender direction g)
    word_to_vec_map -- dict {word: vector of shape (n,)} (left unchanged)

    Returns:
    e1 -- new vector of shape (n,) for pair[0]: corrected_e_w1B + mu_orth
    e2 -- new vector of shape (n,) for pair[1]: corrected_e_w2B + mu_orth
    (the formulas for mu, mu_B, mu_orth, e_w1B, e_w2B and the corrections are in the text above)
    """
    w1, w2 = pair
    e_w1, e_w2 = word_to_vec_map[w1], word_to_vec_map[w2]
    mu = (e_w1 + e_w2) / 2
    mu_B = np.dot(mu, bias_axis) / np.sum(bias_axis * bias_axis) * bias_axis
    mu_orth = mu - mu_B
    e_w1B = np.dot(e_w1, bias_axis) / np.sum(bias_axis * bias_axis) * bias_axis
    e_w2B = np.dot(e_w2, bias_axis) / np.sum(bias_axis * bias_axis) * bias_axis
    corrected_e_w1B = (np.sqrt(np.abs(1 - np.sum(mu_orth * mu_orth))) * (e_w1B - mu_B)
                       / np.linalg.norm(e_w1B - mu_B))
    corrected_e_w2B = (np.sqrt(np.abs(1 - np.sum(mu_orth * mu_orth))) * (e_w2B - mu_B)
                       / np.linalg.norm(e_w2B - mu_B))
    e1 = corrected_e_w1B + mu_orth
    e2 = corrected_e_w2B + mu_orth
    return e1, e2