# Correct: the derivative 3 x theta^2, written as theta * theta and returned as a Python float.
def backward_propagation(x, theta):
    return float(3 * x * theta * theta)
