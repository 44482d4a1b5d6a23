# Mistake: reads n_x from the number of columns of X (the number of examples m).
import numpy as np
def layer_sizes(X, Y):
    n_x = X.shape[1]
    n_h = 4
    n_y = Y.shape[0]
    return (n_x, n_h, n_y)
