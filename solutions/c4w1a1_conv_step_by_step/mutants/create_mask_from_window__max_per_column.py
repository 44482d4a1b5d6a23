# Mistake: np.max(x, axis=0) marks the maximum of every column, not of the whole window.
import numpy as np
def create_mask_from_window(x):
    mask = x == np.max(x, axis=0)
    return mask
