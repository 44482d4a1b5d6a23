# Mistake: looped over range(1, L), so the last layer has no moving averages.
def initialize_adam(parameters):
    L = len(parameters) // 2
    v, s = {}, {}
    for l in range(1, L):
        for name in ("W", "b"):
            v["d" + name + str(l)] = np.zeros(parameters[name + str(l)].shape)
            s["d" + name + str(l)] = np.zeros(parameters[name + str(l)].shape)
    return v, s
