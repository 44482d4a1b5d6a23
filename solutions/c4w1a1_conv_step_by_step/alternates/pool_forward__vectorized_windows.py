# Correct, written differently: loops over output positions; each window reduced for all
# examples and channels at once.
import numpy as np
def pool_forward(A_prev, hparameters, mode="max"):
    (m, n_H_prev, n_W_prev, n_C) = A_prev.shape
    f, s = hparameters["f"], hparameters["stride"]
    n_H, n_W = 1 + (n_H_prev - f) // s, 1 + (n_W_prev - f) // s
    reduce = {"max": np.max, "average": np.mean}[mode]
    A = np.zeros((m, n_H, n_W, n_C))
    for h in range(n_H):
        for w in range(n_W):
            A[:, h, w, :] = reduce(A_prev[:, h * s:h * s + f, w * s:w * s + f, :], axis=(1, 2))
    return A, (A_prev, hparameters)
