# Mistake: divided by ||g|| instead of ||g||^2.
def neutralize(word, g, word_to_vec_map):
    e = word_to_vec_map[word]
    e_biascomponent = np.dot(e, g) / np.linalg.norm(g) * g
    return e - e_biascomponent
