# Mistake: shifts the indices to start at 0 (word_to_index[w] - 1), colliding with the padding.
import numpy as np
def sentences_to_indices(X, word_to_index, max_len):
    m = len(X)
    X_indices = np.zeros((m, max_len))
    for i in range(m):
        j = 0
        for w in X[i].lower().split():
            if w in word_to_index and j < max_len:
                X_indices[i, j] = word_to_index[w] - 1
                j += 1
    return X_indices
