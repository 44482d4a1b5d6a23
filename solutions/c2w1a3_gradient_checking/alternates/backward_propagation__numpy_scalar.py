# Correct: dtheta as a NumPy float64 scalar (a real number).
def backward_propagation(x, theta):
    return np.float64(x)
