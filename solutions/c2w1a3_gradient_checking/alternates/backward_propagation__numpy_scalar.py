# Correct: dtheta as a NumPy float64 scalar (a real number).
import numpy as np

def backward_propagation(x, theta):
    return np.float64(3.0) * x * np.square(theta)
