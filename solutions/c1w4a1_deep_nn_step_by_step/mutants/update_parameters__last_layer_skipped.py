# Mistake: loop range(1, L) leaves out layer L.
def update_parameters(params, grads, learning_rate):
    L = len(params) // 2
    parameters = copy.deepcopy(params)
    for l in range(1, L):
        parameters["W" + str(l)] = params["W" + str(l)] - learning_rate * grads["dW" + str(l)]
        parameters["b" + str(l)] = params["b" + str(l)] - learning_rate * grads["db" + str(l)]
    return parameters
