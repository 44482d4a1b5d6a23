# Correct: sigma(z) = e^z / (1 + e^z), the same function written the other way round.
def sigmoid(z):
    e = np.exp(z)
    return e / (1.0 + e)
