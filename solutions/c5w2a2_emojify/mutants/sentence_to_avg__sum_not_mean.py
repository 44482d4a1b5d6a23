# Mistake: adds up the word vectors but never divides by the number of words.
import numpy as np
def sentence_to_avg(sentence, word_to_vec_map):
    any_word = next(iter(word_to_vec_map))
    avg = np.zeros(word_to_vec_map[any_word].shape)
    for w in sentence.lower().split():
        if w in word_to_vec_map:
            avg += word_to_vec_map[w]
    return avg
