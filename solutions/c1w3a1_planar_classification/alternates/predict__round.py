# Correct, written differently: rounds the probabilities (np.round(0.5) is 0), float labels.
import numpy as np
def predict(parameters, X):
    A2, cache = forward_propagation(X, parameters)
    predictions = np.round(A2)
    return predictions
