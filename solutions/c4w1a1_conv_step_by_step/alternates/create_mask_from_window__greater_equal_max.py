# Correct, written differently: nothing is larger than the maximum, so >= marks exactly the maxima.
import numpy as np
def create_mask_from_window(x):
    return x >= x.max()
