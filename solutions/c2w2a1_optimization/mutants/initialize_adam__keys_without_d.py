# Mistake: keyed v and s like the parameters ("W1") instead of like the gradients ("dW1").
def initialize_adam(parameters):
    L = len(parameters) // 2
    v, s = {}, {}
    for l in range(1, L + 1):
        for name in ("W", "b"):
            v[name + str(l)] = np.zeros(parameters[name + str(l)].shape)
            s[name + str(l)] = np.zeros(parameters[name + str(l)].shape)
    return v, s
