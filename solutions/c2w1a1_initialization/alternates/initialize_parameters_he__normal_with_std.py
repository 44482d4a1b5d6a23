# Correct: np.random.normal with the He standard deviation, which draws the same numbers.
def initialize_parameters_he(layers_dims):
    np.random.seed(3)
    parameters = {}
    for l in range(1, len(layers_dims)):
        std = np.sqrt(2.0 / layers_dims[l - 1])
        shape = (layers_dims[l], layers_dims[l - 1])
        parameters["W" + str(l)] = np.random.normal(0.0, std, size=shape)
        parameters["b" + str(l)] = np.zeros((layers_dims[l], 1))
    return parameters
