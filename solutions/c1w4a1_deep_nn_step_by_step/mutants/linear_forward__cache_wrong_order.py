# Mistake: cache stored as (W, A, b) instead of (A, W, b).
def linear_forward(A, W, b):
    Z = np.dot(W, A) + b
    cache = (W, A, b)
    return Z, cache
