# Mistake: v = beta * v + grad, without the factor (1 - beta) of the lectures' formula.
def update_parameters_with_momentum(parameters, grads, v, beta, learning_rate):
    L = len(parameters) // 2
    new_parameters, new_v = {}, {}
    for l in range(1, L + 1):
        for name in ("W", "b"):
            key, dkey = name + str(l), "d" + name + str(l)
            new_v[dkey] = beta * v[dkey] + grads[dkey]
            new_parameters[key] = parameters[key] - learning_rate * new_v[dkey]
    return new_parameters, new_v
