# Mistake: divided by sqrt(n[l]) (this layer) instead of sqrt(n[l-1]) (the previous layer).
def initialize_parameters_deep(layer_dims):
    np.random.seed(3)
    parameters = {}
    L = len(layer_dims) - 1
    for l in range(1, L + 1):
        parameters["W" + str(l)] = (np.random.randn(layer_dims[l], layer_dims[l - 1])
                                    / np.sqrt(layer_dims[l]))
        parameters["b" + str(l)] = np.zeros((layer_dims[l], 1))
    return parameters
