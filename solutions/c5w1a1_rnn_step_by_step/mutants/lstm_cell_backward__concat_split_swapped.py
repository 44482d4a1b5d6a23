# Mistake: splits d[a_prev; xt] as if xt were on top: dxt = first n_x rows, da_prev = the rest.
import numpy as np

def lstm_cell_backward(da_next, dc_next, cache):
    """Backward pass of one LSTM step.

    Arguments:
    da_next, dc_next -- shape (n_a, m) each: the partial derivatives of a scalar loss L, seen as
               a function of the cell's two outputs a<t> and c<t>; dc_next is what reaches c<t>
               from the later steps only (the path c<t> -> a<t> inside this step is added here);
               to first order L = np.sum(da_next * a_next) + np.sum(dc_next * c_next)
    cache -- (a_next, c_next, a_prev, c_prev, ft, it, cct, ot, xt, parameters), as returned by
             lstm_cell_forward

    Returns:
    gradients -- dict of the gradients of L:
        dxt -- (n_x, m), da_prev -- (n_a, m), dc_prev -- (n_a, m): with respect to xt, a<t-1>
               and c<t-1>
        dWf, dWi, dWc, dWo -- (n_a, n_a + n_x), dbf, dbi, dbc, dbo -- (n_a, 1): this step's
               parameter gradients
    """
    (a_next, c_next, a_prev, c_prev, ft, it, cct, ot, xt, parameters) = cache
    n_x, m = xt.shape
    n_a, m = a_next.shape
    tanh_c = np.tanh(c_next)
    dc = dc_next + da_next * ot * (1 - tanh_c ** 2)
    dot = da_next * tanh_c * ot * (1 - ot)
    dcct = dc * it * (1 - cct ** 2)
    dit = dc * cct * it * (1 - it)
    dft = dc * c_prev * ft * (1 - ft)
    concat = np.concatenate((a_prev, xt), axis=0)
    dWf = dft @ concat.T
    dWi = dit @ concat.T
    dWc = dcct @ concat.T
    dWo = dot @ concat.T
    dbf = np.sum(dft, axis=1, keepdims=True)
    dbi = np.sum(dit, axis=1, keepdims=True)
    dbc = np.sum(dcct, axis=1, keepdims=True)
    dbo = np.sum(dot, axis=1, keepdims=True)
    dconcat = (parameters["Wf"].T @ dft + parameters["Wi"].T @ dit
               + parameters["Wc"].T @ dcct + parameters["Wo"].T @ dot)
    da_prev = dconcat[n_x:]
    dxt = dconcat[:n_x]
    dc_prev = dc * ft
    gradients = {"dxt": dxt, "da_prev": da_prev, "dc_prev": dc_prev, "dWf": dWf, "dbf": dbf,
                 "dWi": dWi, "dbi": dbi, "dWc": dWc, "dbc": dbc, "dWo": dWo, "dbo": dbo}
    return gradients
