# Correct: builds each row as a list of indices, cuts and pads it, returns integers.
import numpy as np
def sentences_to_indices(X, word_to_index, max_len):
    rows = []
    for sentence in X:
        ids = [word_to_index[w] for w in sentence.lower().split() if w in word_to_index]
        ids = ids[:max_len]
        rows.append(ids + [0] * (max_len - len(ids)))
    return np.array(rows, dtype=np.int64).reshape(len(X), max_len)
