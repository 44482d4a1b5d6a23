# Mistake: a single pad_width for every axis pads the examples and channels as well.
import numpy as np
def zero_pad(X, pad):
    X_pad = np.pad(X, pad, mode="constant", constant_values=0)
    return X_pad
