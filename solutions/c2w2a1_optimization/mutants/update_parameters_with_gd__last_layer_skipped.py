# Mistake: looped over range(1, L), so the last layer is neither updated nor returned.
def update_parameters_with_gd(parameters, grads, learning_rate):
    L = len(parameters) // 2
    new_parameters = {}
    for l in range(1, L):
        new_parameters["W" + str(l)] = parameters["W" + str(l)] - learning_rate * grads["dW" + str(l)]
        new_parameters["b" + str(l)] = parameters["b" + str(l)] - learning_rate * grads["db" + str(l)]
    return new_parameters
