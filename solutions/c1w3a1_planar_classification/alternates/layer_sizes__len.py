# Correct, written differently: len() of an array is its number of rows.
import numpy as np
def layer_sizes(X, Y):
    return len(X), 4, len(Y)
