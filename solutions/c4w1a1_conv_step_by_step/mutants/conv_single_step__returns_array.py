# Mistake: added b as it is, so Z is a (1, 1, 1) array instead of a number.
import numpy as np
def conv_single_step(a_slice_prev, W, b):
    Z = np.sum(a_slice_prev * W) + b
    return Z
