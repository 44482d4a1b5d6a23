# Mistake: divides by the sum of squares (forgot the square root).
def normalize_rows(x):
    return x / np.sum(x ** 2, axis=1, keepdims=True)
