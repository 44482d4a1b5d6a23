# Mistake: types the sizes of the flower data (2 inputs, 1 output) instead of reading the shapes.
import numpy as np
def layer_sizes(X, Y):
    n_x = 2
    n_h = 4
    n_y = 1
    return (n_x, n_h, n_y)
