# Correct, written differently: fills the dict directly, shapes from tuples.
def initialize_parameters(n_x, n_h, n_y):
    np.random.seed(1)
    parameters = {}
    parameters["W1"] = 0.01 * np.random.standard_normal((n_h, n_x))
    parameters["b1"] = np.zeros((n_h, 1))
    parameters["W2"] = 0.01 * np.random.standard_normal((n_y, n_h))
    parameters["b2"] = np.zeros((n_y, 1))
    return parameters
