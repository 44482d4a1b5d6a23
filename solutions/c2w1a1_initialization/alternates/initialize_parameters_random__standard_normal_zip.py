# Correct: np.random.standard_normal (the same stream as randn) over consecutive layer pairs.
def initialize_parameters_random(layers_dims):
    np.random.seed(3)
    parameters = {}
    for l, (n_prev, n) in enumerate(zip(layers_dims, layers_dims[1:]), start=1):
        parameters[f"W{l}"] = 10.0 * np.random.standard_normal(size=(n, n_prev))
        parameters[f"b{l}"] = np.zeros(shape=(n, 1))
    return parameters
