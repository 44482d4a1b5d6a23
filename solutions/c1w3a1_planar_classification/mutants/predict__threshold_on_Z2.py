# Mistake: compares Z2 (before the sigmoid) with 0.5 instead of A2.
import numpy as np
def predict(parameters, X):
    A2, cache = forward_propagation(X, parameters)
    predictions = (cache["Z2"] > 0.5).astype(float)
    return predictions
