# Correct, written differently: the loop only carries da_prev and stores each step's dz; the weight gradients are computed afterwards with einsum over examples and steps.
import numpy as np


def rnn_backward(da, caches):
    steps, x = caches
    n_a, m, T_x = da.shape
    Wax, Waa = steps[0][3]["Wax"], steps[0][3]["Waa"]
    dz = np.zeros((n_a, m, T_x))
    a_prev_all = np.zeros((n_a, m, T_x))
    carry = np.zeros((n_a, m))
    for t in range(T_x - 1, -1, -1):
        a_next, a_prev, xt, _ = steps[t]
        dz[:, :, t] = (1 - a_next ** 2) * (da[:, :, t] + carry)
        a_prev_all[:, :, t] = a_prev
        carry = Waa.T @ dz[:, :, t]
    return {"dx": np.einsum("ax,amt->xmt", Wax, dz), "da0": carry,
            "dWax": np.einsum("amt,xmt->ax", dz, x), "dWaa": np.einsum("amt,bmt->ab", dz, a_prev_all),
            "dba": dz.sum(axis=(1, 2))[:, None]}
