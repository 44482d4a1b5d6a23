# Correct, written differently: np.zeros_like in a dict comprehension over the parameters.
def initialize_velocity(parameters):
    return {"d" + key: np.zeros_like(value, dtype=float) for key, value in parameters.items()}
