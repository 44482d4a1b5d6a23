# Mistake: forgot to add the bias.
def linear_forward(A, W, b):
    Z = W @ A
    cache = (A, W, b)
    return Z, cache
