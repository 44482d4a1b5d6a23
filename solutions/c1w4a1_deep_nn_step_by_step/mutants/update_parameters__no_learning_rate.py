# Mistake: forgot the learning rate (a step of size 1).
def update_parameters(params, grads, learning_rate):
    L = len(params) // 2
    parameters = {}
    for l in range(1, L + 1):
        parameters["W" + str(l)] = params["W" + str(l)] - grads["dW" + str(l)]
        parameters["b" + str(l)] = params["b" + str(l)] - grads["db" + str(l)]
    return parameters
