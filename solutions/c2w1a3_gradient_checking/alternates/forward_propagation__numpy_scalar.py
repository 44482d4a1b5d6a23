# Correct: J as a NumPy float64 scalar (a real number), theta times theta times theta.
import numpy as np

def forward_propagation(x, theta):
    return np.float64(x) * theta * theta * theta
