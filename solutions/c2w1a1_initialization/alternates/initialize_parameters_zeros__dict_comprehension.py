# Correct: one dict comprehension per kind of parameter, merged.
def initialize_parameters_zeros(layers_dims):
    pairs = list(enumerate(zip(layers_dims[:-1], layers_dims[1:]), start=1))
    weights = {f"W{l}": np.zeros((n, n_prev)) for l, (n_prev, n) in pairs}
    biases = {f"b{l}": np.zeros((n, 1)) for l, (n_prev, n) in pairs}
    return {**weights, **biases}
