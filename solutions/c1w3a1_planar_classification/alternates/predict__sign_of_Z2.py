# Correct, written differently: the labels from the sign of Z2 (A2 > 0.5 iff Z2 > 0), as floats.
import numpy as np
def predict(parameters, X):
    _, cache = forward_propagation(X, parameters)
    predictions = np.where(cache["Z2"] > 0, 1.0, 0.0)
    return predictions
