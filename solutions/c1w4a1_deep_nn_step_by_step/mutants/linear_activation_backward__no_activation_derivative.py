# Mistake: skipped the activation step, treating dA as dZ.
def linear_activation_backward(dA, cache, activation):
    linear_cache, activation_cache = cache
    dA_prev, dW, db = linear_backward(dA, linear_cache)
    return dA_prev, dW, db
