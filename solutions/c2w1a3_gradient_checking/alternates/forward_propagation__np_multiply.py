# Correct: NumPy's multiply instead of the * operator.
import numpy as np

def forward_propagation(x, theta):
    return np.multiply(theta, x)
