# Mistake: integer zeros; every later update of w would be truncated or fail.
def initialize_with_zeros(dim):
    w = np.zeros((dim, 1), dtype=int)
    b = 0.0
    return w, b
