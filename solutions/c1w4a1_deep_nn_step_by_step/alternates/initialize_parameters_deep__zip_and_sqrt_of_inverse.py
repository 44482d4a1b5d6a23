# Correct, written differently: zip over consecutive sizes, scale by sqrt(1 / n_prev).
def initialize_parameters_deep(layer_dims):
    np.random.seed(3)
    parameters = {}
    for l, (n_prev, n) in enumerate(zip(layer_dims[:-1], layer_dims[1:]), start=1):
        parameters[f"W{l}"] = np.random.randn(n, n_prev) * np.sqrt(1.0 / n_prev)
        parameters[f"b{l}"] = np.zeros((n, 1))
    return parameters
