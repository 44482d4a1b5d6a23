# Mistake: builds the biases with np.zeros(shape), which gives float64, not the framework's float32.
def initialize_parameters():
    nn.set_seed(1)
    init = nn.initializers.GlorotUniform()
    W1 = init((25, 784))
    b1 = np.zeros((25, 1))
    W2 = init((12, 25))
    b2 = np.zeros((12, 1))
    W3 = init((6, 12))
    b3 = np.zeros((6, 1))
    parameters = {"W1": W1, "b1": b1, "W2": W2, "b2": b2, "W3": W3, "b3": b3}
    return parameters
