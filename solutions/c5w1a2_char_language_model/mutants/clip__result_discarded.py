# Mistake: called np.clip without keeping its result (np.clip returns a copy), so nothing is clipped.
import numpy as np
def clip(gradients, maxValue):
    clipped = {}
    for key in ["dWaa", "dWax", "dWya", "db", "dby"]:
        g = gradients[key].copy()
        np.clip(g, -maxValue, maxValue)
        clipped[key] = g
    return clipped
