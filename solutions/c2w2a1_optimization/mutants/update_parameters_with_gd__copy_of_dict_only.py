# Mistake: copied the dict (a shallow copy) and then used -=, which still changes the caller's arrays.
def update_parameters_with_gd(parameters, grads, learning_rate):
    L = len(parameters) // 2
    new_parameters = parameters.copy()
    for l in range(1, L + 1):
        new_parameters["W" + str(l)] -= learning_rate * grads["dW" + str(l)]
        new_parameters["b" + str(l)] -= learning_rate * grads["db" + str(l)]
    return new_parameters
