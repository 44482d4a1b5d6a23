# Mistake: returns the probabilities A2 instead of 0/1 labels.
import numpy as np
def predict(parameters, X):
    A2, cache = forward_propagation(X, parameters)
    predictions = A2
    return predictions
