# Correct: NumPy's power and multiply instead of the operators.
import numpy as np

def forward_propagation(x, theta):
    return np.multiply(x, np.power(theta, 3))
