# Correct: np.full and a NumPy float scalar for b.
def initialize_with_zeros(dim):
    w = np.full((dim, 1), 0.0)
    b = np.float64(0)
    return w, b
