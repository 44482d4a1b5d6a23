# Correct, written differently: deep-copy first, then update the copy in place.
def update_parameters_with_gd(parameters, grads, learning_rate):
    new_parameters = copy.deepcopy(parameters)
    for key in new_parameters:
        new_parameters[key] -= learning_rate * grads["d" + key]
    return new_parameters
