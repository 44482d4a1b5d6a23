# Mistake: forgot to divide by ||g||^2 (g is not a unit vector).
def neutralize(word, g, word_to_vec_map):
    e = word_to_vec_map[word]
    e_biascomponent = np.dot(e, g) * g
    return e - e_biascomponent
