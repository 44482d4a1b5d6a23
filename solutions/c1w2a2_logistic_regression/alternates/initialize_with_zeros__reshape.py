# Correct: a flat array of zeros reshaped into a column.
def initialize_with_zeros(dim):
    w = np.zeros(dim).reshape(-1, 1)
    b = float(0)
    return w, b
