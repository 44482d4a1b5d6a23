# Mistake: clipped to the number 5 written in the code instead of to maxValue.
import numpy as np
def clip(gradients, maxValue):
    return {key: np.clip(gradients[key], -5, 5) for key in ["dWaa", "dWax", "dWya", "db", "dby"]}
