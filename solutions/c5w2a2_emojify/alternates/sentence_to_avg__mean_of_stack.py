# Correct: stacks the known words' vectors and takes np.mean over them.
import numpy as np
def sentence_to_avg(sentence, word_to_vec_map):
    vectors = [word_to_vec_map[w] for w in sentence.lower().split() if w in word_to_vec_map]
    if not vectors:
        return np.zeros_like(next(iter(word_to_vec_map.values())), dtype=float)
    return np.mean(np.stack(vectors), axis=0)
