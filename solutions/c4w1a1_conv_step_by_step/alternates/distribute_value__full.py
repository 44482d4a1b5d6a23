# Correct, written differently: np.full with the size of the window.
import numpy as np
def distribute_value(dz, shape):
    return np.full(shape, dz / np.prod(shape), dtype=float)
