# Correct, written differently: the original's per-gate formulas without a total dc variable, and the column blocks W[:, :n_a] / W[:, n_a:] instead of splitting d[a_prev; xt].
import numpy as np


def lstm_cell_backward(da_next, dc_next, cache):
    (a_next, c_next, a_prev, c_prev, ft, it, cct, ot, xt, parameters) = cache
    n_a = a_next.shape[0]
    th = np.tanh(c_next)
    dot = da_next * th * ot * (1 - ot)
    dcct = (dc_next * it + ot * (1 - th ** 2) * it * da_next) * (1 - cct ** 2)
    dit = (dc_next * cct + ot * (1 - th ** 2) * cct * da_next) * it * (1 - it)
    dft = (dc_next * c_prev + ot * (1 - th ** 2) * c_prev * da_next) * ft * (1 - ft)
    gates = {"f": dft, "i": dit, "c": dcct, "o": dot}
    grads = {}
    for g, d in gates.items():
        grads["dW" + g] = np.hstack([d @ a_prev.T, d @ xt.T])
        grads["db" + g] = d.sum(axis=1, keepdims=True)
    grads["da_prev"] = sum(parameters["W" + g][:, :n_a].T @ d for g, d in gates.items())
    grads["dxt"] = sum(parameters["W" + g][:, n_a:].T @ d for g, d in gates.items())
    grads["dc_prev"] = dc_next * ft + ot * (1 - th ** 2) * ft * da_next
    return grads
