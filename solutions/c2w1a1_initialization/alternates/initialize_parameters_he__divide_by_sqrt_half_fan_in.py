# Correct: dividing by sqrt(n[l-1] / 2) is multiplying by sqrt(2 / n[l-1]); biases via zeros_like.
def initialize_parameters_he(layers_dims):
    np.random.seed(3)
    parameters = {}
    L = len(layers_dims) - 1
    for l in range(1, L + 1):
        W = np.random.randn(layers_dims[l], layers_dims[l - 1]) / np.sqrt(layers_dims[l - 1] / 2)
        parameters["W" + str(l)] = W
        parameters["b" + str(l)] = np.zeros_like(W[:, :1])
    return parameters
