# e^{-x} / (1 + e^{-x})^2, without calling sigmoid
def sigmoid_derivative(x):
    e = np.exp(-x)
    return e / (1 + e) ** 2
