# Mistake: subtracted the projection of g onto e instead of the projection of e onto g.
def neutralize(word, g, word_to_vec_map):
    e = word_to_vec_map[word]
    e_biascomponent = np.dot(e, g) / np.sum(e * e) * e
    return e - e_biascomponent
