# Mistake (against the docstring): scored cos(e_w, e_b - e_a + e_c), the word2vec form, instead
# of cos(e_b - e_a, e_w - e_c); it ranks candidates differently.
def complete_analogy(word_a, word_b, word_c, word_to_vec_map):
    e_a, e_b, e_c = word_to_vec_map[word_a], word_to_vec_map[word_b], word_to_vec_map[word_c]
    max_cosine_sim = -np.inf
    best_word = None
    for w in word_to_vec_map:
        if w in (word_a, word_b, word_c):
            continue
        cosine_sim = cosine_similarity(word_to_vec_map[w], e_b - e_a + e_c)
        if cosine_sim > max_cosine_sim:
            max_cosine_sim = cosine_sim
            best_word = w
    return best_word
