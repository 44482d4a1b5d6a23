# Mistake: pad_width (0, pad) adds zeros after the image only, not on both sides.
import numpy as np
def zero_pad(X, pad):
    X_pad = np.pad(X, ((0, 0), (0, pad), (0, pad), (0, 0)), mode="constant", constant_values=0)
    return X_pad
