# Correct, returned as a NumPy float64 scalar: np.exp of a number is one.
def basic_sigmoid(x):
    return 1 / (1 + np.exp(-x))
