# Mistake: b as a (1, 1) array instead of the number 0.0.
def initialize_with_zeros(dim):
    w = np.zeros((dim, 1))
    b = np.zeros((1, 1))
    return w, b
