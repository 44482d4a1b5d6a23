# Mistake: returns the booleans of the comparison instead of float labels 0. and 1.
import numpy as np
def predict(parameters, X):
    A2, cache = forward_propagation(X, parameters)
    predictions = A2 > 0.5
    return predictions
