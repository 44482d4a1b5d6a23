# Correct: sigma(z) = (1 + tanh(z / 2)) / 2.
def sigmoid(z):
    return 0.5 * (1 + np.tanh(0.5 * z))
