# Mistake: integer labels (astype(int)) where the course's rule asks for floats 0. and 1.
import numpy as np
def predict(parameters, X):
    A2, cache = forward_propagation(X, parameters)
    predictions = (A2 > 0.5).astype(int)
    return predictions
