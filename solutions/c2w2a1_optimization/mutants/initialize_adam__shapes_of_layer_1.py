# Mistake: used the shapes of layer 1 for every layer (a hard-coded "1" left in the key).
def initialize_adam(parameters):
    L = len(parameters) // 2
    v, s = {}, {}
    for l in range(1, L + 1):
        v["dW" + str(l)] = np.zeros(parameters["W1"].shape)
        v["db" + str(l)] = np.zeros(parameters["b1"].shape)
        s["dW" + str(l)] = np.zeros(parameters["W1"].shape)
        s["db" + str(l)] = np.zeros(parameters["b1"].shape)
    return v, s
