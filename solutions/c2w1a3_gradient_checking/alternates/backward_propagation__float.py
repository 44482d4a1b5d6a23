# Correct: the derivative x, returned as a Python float.
def backward_propagation(x, theta):
    return float(x)
