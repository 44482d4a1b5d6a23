# Mistake: weighted the old velocity by (1 - beta) and the new gradient by beta.
def update_parameters_with_momentum(parameters, grads, v, beta, learning_rate):
    L = len(parameters) // 2
    new_parameters, new_v = {}, {}
    for l in range(1, L + 1):
        for name in ("W", "b"):
            key, dkey = name + str(l), "d" + name + str(l)
            new_v[dkey] = (1 - beta) * v[dkey] + beta * grads[dkey]
            new_parameters[key] = parameters[key] - learning_rate * new_v[dkey]
    return new_parameters, new_v
