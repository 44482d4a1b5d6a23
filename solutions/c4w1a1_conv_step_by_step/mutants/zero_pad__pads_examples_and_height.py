# Mistake: padded the first two axes (examples and height) instead of height and width.
import numpy as np
def zero_pad(X, pad):
    X_pad = np.pad(X, ((pad, pad), (pad, pad), (0, 0), (0, 0)), mode="constant", constant_values=0)
    return X_pad
