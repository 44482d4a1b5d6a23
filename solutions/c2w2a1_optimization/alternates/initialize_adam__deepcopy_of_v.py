# Correct, written differently: build v with np.zeros_like, then s as a deep copy of v.
def initialize_adam(parameters):
    v = {"d" + key: np.zeros_like(value, dtype=float) for key, value in parameters.items()}
    s = copy.deepcopy(v)
    return v, s
