# Correct, written differently: one matrix product for the four gates (stacked weights), then split.
import numpy as np


def lstm_cell_forward(xt, a_prev, c_prev, parameters):
    n_a = a_prev.shape[0]
    W = np.vstack([parameters[k] for k in ("Wf", "Wi", "Wc", "Wo")])
    b = np.vstack([parameters[k] for k in ("bf", "bi", "bc", "bo")])
    z = W @ np.vstack([a_prev, xt]) + b
    zf, zi, zc, zo = (z[k * n_a:(k + 1) * n_a] for k in range(4))
    ft, it, ot = 0.5 * (1 + np.tanh(zf / 2)), 0.5 * (1 + np.tanh(zi / 2)), 0.5 * (1 + np.tanh(zo / 2))
    cct = np.tanh(zc)
    c_next = ft * c_prev + it * cct
    a_next = ot * np.tanh(c_next)
    yt_pred = softmax(parameters["Wy"] @ a_next + parameters["by"])
    cache = (a_next, c_next, a_prev, c_prev, ft, it, cct, ot, xt, parameters)
    return a_next, c_next, yt_pred, cache
