# Mistake: clipped to [0, maxValue], which also wipes out every negative gradient entry.
import numpy as np
def clip(gradients, maxValue):
    return {key: np.clip(gradients[key], 0, maxValue) for key in ["dWaa", "dWax", "dWya", "db", "dby"]}
