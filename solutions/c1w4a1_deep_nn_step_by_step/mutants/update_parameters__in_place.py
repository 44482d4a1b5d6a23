# Mistake: updated the caller's arrays in place with -= and returned them.
def update_parameters(params, grads, learning_rate):
    L = len(params) // 2
    parameters = params
    for l in range(1, L + 1):
        parameters["W" + str(l)] -= learning_rate * grads["dW" + str(l)]
        parameters["b" + str(l)] -= learning_rate * grads["db" + str(l)]
    return parameters
