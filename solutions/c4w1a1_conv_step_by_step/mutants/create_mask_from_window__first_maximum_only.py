# Mistake: a one-hot mask at np.argmax marks only the first of several tied maxima.
import numpy as np
def create_mask_from_window(x):
    mask = np.zeros(x.shape, dtype=bool)
    mask[np.unravel_index(np.argmax(x), x.shape)] = True
    return mask
