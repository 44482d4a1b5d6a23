# Correct, written differently: the activation derivatives written out, no helpers.
def linear_activation_backward(dA, cache, activation):
    (A_prev, W, b), Z = cache
    if activation == "sigmoid":
        s = 1 / (1 + np.exp(-Z))
        dZ = dA * s * (1 - s)
    else:
        dZ = np.where(Z > 0, dA, 0.0)
    return linear_backward(dZ, (A_prev, W, b))
