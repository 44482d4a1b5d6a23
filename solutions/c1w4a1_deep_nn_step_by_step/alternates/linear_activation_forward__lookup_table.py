# Correct, written differently: choose the activation from a dict.
def linear_activation_forward(A_prev, W, b, activation):
    g = {"sigmoid": sigmoid, "relu": relu}[activation]
    Z, linear_cache = linear_forward(A_prev, W, b)
    A, activation_cache = g(Z)
    return A, (linear_cache, activation_cache)
