# Correct, written differently: the tanh slope from Z1, np.dot, np.mean for the biases.
import numpy as np
def backward_propagation(parameters, cache, X, Y):
    m = X.shape[1]
    dZ2 = cache["A2"] - Y
    dW2 = np.dot(dZ2, cache["A1"].T) / m
    db2 = np.mean(dZ2, axis=1, keepdims=True)
    dZ1 = np.multiply(np.dot(parameters["W2"].T, dZ2), 1 - np.tanh(cache["Z1"]) ** 2)
    dW1 = np.dot(dZ1, X.T) / m
    db1 = np.mean(dZ1, axis=1).reshape(-1, 1)
    grads = {"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2}
    return grads
