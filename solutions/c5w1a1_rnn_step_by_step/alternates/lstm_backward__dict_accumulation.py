# Correct, written differently: accumulates the parameter gradients in a dict keyed by name.
import numpy as np


def lstm_backward(da, caches):
    steps, x = caches
    n_a, m, T_x = da.shape
    n_x = x.shape[0]
    names = ["dWf", "dbf", "dWi", "dbi", "dWc", "dbc", "dWo", "dbo"]
    total = {k: 0.0 for k in names}
    dx = np.zeros((n_x, m, T_x))
    da_carry, dc_carry = np.zeros((n_a, m)), np.zeros((n_a, m))
    for t in range(T_x - 1, -1, -1):
        g = lstm_cell_backward(da[:, :, t] + da_carry, dc_carry, steps[t])
        for k in names:
            total[k] = total[k] + g[k]
        dx[:, :, t] = g["dxt"]
        da_carry, dc_carry = g["da_prev"], g["dc_prev"]
    return {"dx": dx, "da0": da_carry, **total}
