# Mistake: divides by the number of words of the sentence, unknown words included.
import numpy as np
def sentence_to_avg(sentence, word_to_vec_map):
    any_word = next(iter(word_to_vec_map))
    words = sentence.lower().split()
    avg = np.zeros(word_to_vec_map[any_word].shape)
    for w in words:
        if w in word_to_vec_map:
            avg += word_to_vec_map[w]
    return avg / len(words)
