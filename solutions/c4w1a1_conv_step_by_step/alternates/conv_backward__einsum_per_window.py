# Correct, written differently: loops over output positions; einsum handles examples and filters.
import numpy as np
def conv_backward(dZ, cache):
    A_prev, W, b, hparameters = cache
    m, n_H_prev, n_W_prev, _ = A_prev.shape
    f = W.shape[0]
    s, p = hparameters["stride"], hparameters["pad"]
    _, n_H, n_W, _ = dZ.shape
    A_pad = np.pad(A_prev, ((0, 0), (p, p), (p, p), (0, 0)))
    dA_pad = np.zeros(A_pad.shape)
    dW = np.zeros(W.shape)
    for h in range(n_H):
        for w in range(n_W):
            g = dZ[:, h, w, :]                                    # (m, n_C)
            dA_pad[:, h * s:h * s + f, w * s:w * s + f, :] += np.einsum("abkc,mc->mabk", W, g)
            dW += np.einsum("mabk,mc->abkc", A_pad[:, h * s:h * s + f, w * s:w * s + f, :], g)
    db = dZ.sum(axis=(0, 1, 2)).reshape(1, 1, 1, -1)
    dA_prev = dA_pad[:, p:p + n_H_prev, p:p + n_W_prev, :]
    return dA_prev, dW, db
