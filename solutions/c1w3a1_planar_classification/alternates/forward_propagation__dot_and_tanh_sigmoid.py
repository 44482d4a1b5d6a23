# Correct, written differently: np.dot, and the sigmoid written as (1 + tanh(z/2)) / 2.
import numpy as np
def forward_propagation(X, parameters):
    Z1 = np.dot(parameters["W1"], X) + parameters["b1"]
    A1 = np.tanh(Z1)
    Z2 = np.dot(parameters["W2"], A1) + parameters["b2"]
    A2 = 0.5 * (1.0 + np.tanh(Z2 / 2.0))
    cache = {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}
    return A2, cache
