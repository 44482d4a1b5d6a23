# Correct, written differently: np.random.normal with scale 0.01 draws the same numbers as
# np.random.randn(...) * 0.01, and the biases are built with np.zeros_like.
import numpy as np
def initialize_parameters(n_x, n_h, n_y):
    np.random.seed(2)
    W1 = np.random.normal(0.0, 0.01, size=(n_h, n_x))
    W2 = np.random.normal(0.0, 0.01, size=(n_y, n_h))
    b1 = np.zeros_like(W1[:, :1])
    b2 = np.zeros_like(W2[:, :1])
    parameters = {"W1": W1, "b1": b1, "W2": W2, "b2": b2}
    return parameters
