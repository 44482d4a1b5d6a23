# Mistake: summed over the channels only, leaving an (f, f) array per window.
import numpy as np
def conv_single_step(a_slice_prev, W, b):
    Z = np.sum(a_slice_prev * W, axis=-1) + b.item()
    return Z
