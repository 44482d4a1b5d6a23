# Alternate: np.minimum/np.maximum instead of np.clip, building the new dict key by key.
import numpy as np
def clip(gradients, maxValue):
    clipped = {}
    for name in ("dWax", "dWaa", "dWya", "db", "dby"):
        clipped[name] = np.maximum(np.minimum(gradients[name], maxValue), -maxValue)
    return clipped
