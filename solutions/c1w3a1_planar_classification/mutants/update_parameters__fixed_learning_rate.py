# Mistake: hard-codes the learning rate 1.2 instead of using the argument.
import numpy as np
def update_parameters(parameters, grads, learning_rate=1.2):
    W1 = parameters["W1"] - 1.2 * grads["dW1"]
    b1 = parameters["b1"] - 1.2 * grads["db1"]
    W2 = parameters["W2"] - 1.2 * grads["dW2"]
    b2 = parameters["b2"] - 1.2 * grads["db2"]
    parameters = {"W1": W1, "b1": b1, "W2": W2, "b2": b2}
    return parameters
