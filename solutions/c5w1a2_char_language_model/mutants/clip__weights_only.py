# Mistake: clipped only the weight matrices and left the bias gradients db and dby unclipped.
import numpy as np
def clip(gradients, maxValue):
    clipped = {key: np.clip(gradients[key], -maxValue, maxValue)
               for key in ["dWaa", "dWax", "dWya"]}
    clipped["db"] = gradients["db"].copy()
    clipped["dby"] = gradients["dby"].copy()
    return clipped
