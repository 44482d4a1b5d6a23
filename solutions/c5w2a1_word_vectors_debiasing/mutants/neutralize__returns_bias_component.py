# Mistake: returned the bias component itself instead of removing it.
def neutralize(word, g, word_to_vec_map):
    e = word_to_vec_map[word]
    e_biascomponent = np.dot(e, g) / np.sum(g * g) * g
    return e_biascomponent
