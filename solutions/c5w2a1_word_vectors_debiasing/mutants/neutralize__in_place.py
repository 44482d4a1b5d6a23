# Mistake: subtracted in place, which changes the vector stored in word_to_vec_map.
def neutralize(word, g, word_to_vec_map):
    e = word_to_vec_map[word]
    e -= np.dot(e, g) / np.sum(g * g) * g
    return e
