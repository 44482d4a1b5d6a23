# Correct, written differently: all scores at once with a matrix, inputs masked, np.argmax
# (which returns the first maximum, as the loop keeps the first word on a tie).
def complete_analogy(word_a, word_b, word_c, word_to_vec_map):
    words = list(word_to_vec_map)
    E = np.array([word_to_vec_map[w] for w in words])
    target = word_to_vec_map[word_b] - word_to_vec_map[word_a]
    D = E - word_to_vec_map[word_c]
    norms = np.linalg.norm(D, axis=1)
    skip = np.array([w in (word_a, word_b, word_c) for w in words])
    norms[skip] = 1.0                       # avoid 0/0 for word_c; masked below anyway
    scores = (D @ target) / (norms * np.linalg.norm(target))
    scores[skip] = -np.inf
    return words[int(np.argmax(scores))]
