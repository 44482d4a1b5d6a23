# Correct, written differently: deep copies of parameters and v, then in-place updates of the copies.
def update_parameters_with_momentum(parameters, grads, v, beta, learning_rate):
    new_parameters, new_v = copy.deepcopy(parameters), copy.deepcopy(v)
    for key in new_parameters:
        new_v["d" + key] *= beta
        new_v["d" + key] += (1 - beta) * grads["d" + key]
        new_parameters[key] -= learning_rate * new_v["d" + key]
    return new_parameters, new_v
