# Mistake: clipped the caller's arrays in place with np.clip(..., out=...) and returned them.
import numpy as np
def clip(gradients, maxValue):
    for key in ["dWaa", "dWax", "dWya", "db", "dby"]:
        np.clip(gradients[key], -maxValue, maxValue, out=gradients[key])
    return {key: gradients[key] for key in ["dWaa", "dWax", "dWya", "db", "dby"]}
