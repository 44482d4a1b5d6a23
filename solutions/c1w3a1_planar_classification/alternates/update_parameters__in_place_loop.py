# Correct, written differently: a loop over the names, updating copies with -=.
import numpy as np
def update_parameters(parameters, grads, learning_rate=1.2):
    new = {}
    for name in ("W1", "b1", "W2", "b2"):
        new[name] = parameters[name].copy()
        new[name] -= learning_rate * grads["d" + name]
    W1, b1, W2, b2 = new["W1"], new["b1"], new["W2"], new["b2"]
    parameters = {"W1": W1, "b1": b1, "W2": W2, "b2": b2}
    return parameters
