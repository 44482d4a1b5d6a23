# Correct, written differently: loops over output positions; masks for all examples and
# channels at once.
import numpy as np
def pool_backward(dA, cache, mode="max"):
    A_prev, hparameters = cache
    f, s = hparameters["f"], hparameters["stride"]
    _, n_H, n_W, _ = dA.shape
    dA_prev = np.zeros(A_prev.shape)
    for h in range(n_H):
        for w in range(n_W):
            window = A_prev[:, h * s:h * s + f, w * s:w * s + f, :]
            g = dA[:, h, w, :][:, None, None, :]
            if mode == "max":
                share = (window == window.max(axis=(1, 2), keepdims=True)) * g
            else:
                share = np.broadcast_to(g / (f * f), window.shape)
            dA_prev[:, h * s:h * s + f, w * s:w * s + f, :] += share
    return dA_prev
