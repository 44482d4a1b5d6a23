# Mistake: returned the window's values at the maximum instead of a boolean mask.
import numpy as np
def create_mask_from_window(x):
    mask = x * (x == np.max(x))
    return mask
