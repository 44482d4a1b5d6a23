# Correct: J as a NumPy float64 scalar (a real number).
def forward_propagation(x, theta):
    return np.multiply(theta, x)
