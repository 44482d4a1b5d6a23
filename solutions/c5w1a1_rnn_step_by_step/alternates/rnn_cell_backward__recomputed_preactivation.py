# Correct, written differently: recomputes the pre-activation z and uses 1 / cosh(z)**2 for the tanh derivative.
import numpy as np


def rnn_cell_backward(da_next, cache):
    a_next, a_prev, xt, p = cache
    z = p["Waa"] @ a_prev + p["Wax"] @ xt + p["ba"]
    dz = da_next / np.cosh(z) ** 2
    return {"dxt": p["Wax"].T @ dz, "da_prev": p["Waa"].T @ dz, "dWax": dz @ xt.T,
            "dWaa": dz @ a_prev.T, "dba": dz.sum(axis=1).reshape(-1, 1)}
