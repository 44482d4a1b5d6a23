# Mistake: put Z in the linear cache instead of A.
def linear_forward(A, W, b):
    Z = np.dot(W, A) + b
    cache = (Z, W, b)
    return Z, cache
