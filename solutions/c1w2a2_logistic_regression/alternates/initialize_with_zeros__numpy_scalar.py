# Correct: the bias as a NumPy float64 zero (a float, as the spec asks).
def initialize_with_zeros(dim):
    w = np.zeros((dim, 1))
    b = np.float64(0)
    return w, b
