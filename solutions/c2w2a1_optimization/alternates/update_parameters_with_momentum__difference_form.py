# Correct, written differently: v + (1 - beta) (grad - v) is the same average, W and b spelt out.
def update_parameters_with_momentum(parameters, grads, v, beta, learning_rate):
    L = len(parameters) // 2
    new_parameters, new_v = {}, {}
    for l in range(1, L + 1):
        W, b = "W" + str(l), "b" + str(l)
        new_v["d" + W] = v["d" + W] + (1 - beta) * (grads["d" + W] - v["d" + W])
        new_v["d" + b] = v["d" + b] + (1 - beta) * (grads["d" + b] - v["d" + b])
        new_parameters[W] = parameters[W] - learning_rate * new_v["d" + W]
        new_parameters[b] = parameters[b] - learning_rate * new_v["d" + b]
    return new_parameters, new_v
