# Mistake: flattens the predictions to shape (m,) instead of (1, m).
import numpy as np
def predict(parameters, X):
    A2, cache = forward_propagation(X, parameters)
    predictions = (A2 > 0.5).flatten()
    return predictions
