# Correct, written differently: deep-copy first, then update the copy in place.
def update_parameters(params, grads, learning_rate):
    parameters = copy.deepcopy(params)
    for key in parameters:
        parameters[key] -= learning_rate * grads["d" + key]
    return parameters
