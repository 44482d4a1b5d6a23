# Correct, written differently: normalise g first, then remove (e . g_hat) g_hat.
def neutralize(word, g, word_to_vec_map):
    g_hat = g / np.linalg.norm(g)
    e = word_to_vec_map[word].copy()
    return e - (e @ g_hat) * g_hat
