# Mistake: moves to the next column even for a word without an index, leaving a 0 in the middle.
import numpy as np
def sentences_to_indices(X, word_to_index, max_len):
    m = len(X)
    X_indices = np.zeros((m, max_len))
    for i in range(m):
        for j, w in enumerate(X[i].lower().split()[:max_len]):
            if w in word_to_index:
                X_indices[i, j] = word_to_index[w]
    return X_indices
