# Mistake: copied dz into every entry without dividing by the window size.
import numpy as np
def distribute_value(dz, shape):
    a = np.ones(shape) * dz
    return a
