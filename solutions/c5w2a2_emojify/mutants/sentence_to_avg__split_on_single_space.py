# Mistake: splits on a single space (split(" ")), so tabs and double spaces make empty or glued words.
import numpy as np
def sentence_to_avg(sentence, word_to_vec_map):
    any_word = next(iter(word_to_vec_map))
    avg = np.zeros(word_to_vec_map[any_word].shape)
    count = 0
    for w in sentence.lower().split(" "):
        if w in word_to_vec_map:
            avg += word_to_vec_map[w]
            count += 1
    return avg / count if count else avg
