# Mistake: added the gradient instead of subtracting it.
def update_parameters(params, grads, learning_rate):
    L = len(params) // 2
    parameters = {}
    for l in range(1, L + 1):
        parameters["W" + str(l)] = params["W" + str(l)] + learning_rate * grads["dW" + str(l)]
        parameters["b" + str(l)] = params["b" + str(l)] + learning_rate * grads["db" + str(l)]
    return parameters
