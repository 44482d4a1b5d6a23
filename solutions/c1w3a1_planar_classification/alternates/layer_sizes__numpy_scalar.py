# Correct: the sizes as NumPy int64 scalars (ints).
def layer_sizes(X, Y):
    n_x = np.int64(X.shape[0])
    n_h = np.int64(4)
    n_y = np.int64(Y.shape[0])
    return (n_x, n_h, n_y)
