# Mistake: np.zeros(dim) gives a 1-D array of shape (dim,), not a column (dim, 1).
def initialize_with_zeros(dim):
    w = np.zeros(dim)
    b = 0.0
    return w, b
