# Correct, written differently: integer 0/1 labels from the sign of Z2 (A2 > 0.5 iff Z2 > 0).
import numpy as np
def predict(parameters, X):
    _, cache = forward_propagation(X, parameters)
    predictions = (cache["Z2"] > 0).astype(int)
    return predictions
