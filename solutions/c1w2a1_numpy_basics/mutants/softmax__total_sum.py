# Mistake: divides by the sum of the whole matrix.
def softmax(x):
    e = np.exp(x)
    return e / np.sum(e)
