# Correct, returned as a NumPy string: np.array(words)[np.argmax(scores)] is a numpy.str_, which
# the spec allows ("a string"); np.argmax keeps the first word on a tie, as the loop does.
def complete_analogy(word_a, word_b, word_c, word_to_vec_map):
    e_a, e_b, e_c = word_to_vec_map[word_a], word_to_vec_map[word_b], word_to_vec_map[word_c]
    words = [w for w in word_to_vec_map if w not in (word_a, word_b, word_c)]
    scores = [cosine_similarity(e_b - e_a, word_to_vec_map[w] - e_c) for w in words]
    return np.array(words)[np.argmax(scores)]
