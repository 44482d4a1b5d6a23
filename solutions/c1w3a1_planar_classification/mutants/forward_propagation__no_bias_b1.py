# Mistake: forgot to add the bias b1 in the first layer.
import numpy as np
def forward_propagation(X, parameters):
    W1 = parameters["W1"]
    W2, b2 = parameters["W2"], parameters["b2"]
    Z1 = np.dot(W1, X)
    A1 = np.tanh(Z1)
    Z2 = np.dot(W2, A1) + b2
    A2 = sigmoid(Z2)
    cache = {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}
    return A2, cache
