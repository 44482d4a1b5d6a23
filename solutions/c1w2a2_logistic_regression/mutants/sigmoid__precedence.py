# Mistake: missing brackets: 1 / 1 + exp(-z) is 1 + exp(-z).
def sigmoid(z):
    s = 1 / 1 + np.exp(-z)
    return s
