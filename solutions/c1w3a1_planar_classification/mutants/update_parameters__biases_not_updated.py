# Mistake: updates the weights but leaves the biases unchanged.
import numpy as np
def update_parameters(parameters, grads, learning_rate=1.2):
    W1 = parameters["W1"] - learning_rate * grads["dW1"]
    b1 = parameters["b1"]
    W2 = parameters["W2"] - learning_rate * grads["dW2"]
    b2 = parameters["b2"]
    parameters = {"W1": W1, "b1": b1, "W2": W2, "b2": b2}
    return parameters
