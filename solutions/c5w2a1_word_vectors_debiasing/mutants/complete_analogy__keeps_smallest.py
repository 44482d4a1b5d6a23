# Mistake: kept the word with the smallest similarity (comparison reversed).
def complete_analogy(word_a, word_b, word_c, word_to_vec_map):
    e_a, e_b, e_c = word_to_vec_map[word_a], word_to_vec_map[word_b], word_to_vec_map[word_c]
    best_sim = np.inf
    best_word = None
    for w in word_to_vec_map:
        if w in (word_a, word_b, word_c):
            continue
        cosine_sim = cosine_similarity(e_b - e_a, word_to_vec_map[w] - e_c)
        if cosine_sim < best_sim:
            best_sim = cosine_sim
            best_word = w
    return best_word
