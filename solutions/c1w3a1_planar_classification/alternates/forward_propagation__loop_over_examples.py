# Correct, written differently: one example (column) at a time, equations (1)-(4).
import numpy as np
def forward_propagation(X, parameters):
    W1, b1 = parameters["W1"], parameters["b1"]
    W2, b2 = parameters["W2"], parameters["b2"]
    m = X.shape[1]
    Z1 = np.zeros((W1.shape[0], m))
    Z2 = np.zeros((W2.shape[0], m))
    for i in range(m):
        x = X[:, i:i + 1]
        Z1[:, i:i + 1] = W1 @ x + b1
        Z2[:, i:i + 1] = W2 @ np.tanh(Z1[:, i:i + 1]) + b2
    A1 = np.tanh(Z1)
    A2 = 1 / (1 + np.exp(-Z2))
    cache = {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}
    return A2, cache
