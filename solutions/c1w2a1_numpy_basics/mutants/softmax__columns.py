# Mistake: sums over columns (axis=0) instead of rows.
def softmax(x):
    e = np.exp(x)
    return e / np.sum(e, axis=0, keepdims=True)
