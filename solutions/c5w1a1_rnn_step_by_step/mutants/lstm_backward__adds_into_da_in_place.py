# Mistake: adds da_prevt into the argument da in place (right numbers, but the caller's array changes).
import numpy as np

def lstm_backward(da, caches):
    """Backpropagation through time for an LSTM.

    Arguments:
    da -- shape (n_a, m, T_x): da[:, :, t] is the partial derivative of a scalar loss L with
          respect to the hidden state a[:, :, t], with the later states held fixed (the direct
          dependence, e.g. through the prediction of step t); to first order
          L = sum over t of np.sum(da[:, :, t] * a[:, :, t])
    caches -- (list of step caches, x), as returned by lstm_forward

    Returns:
    gradients -- dict of the total gradients of L (through all later steps):
        dx -- with respect to x, shape (n_x, m, T_x)
        da0 -- with respect to a0, shape (n_a, m)
        dWf, dWi, dWc, dWo -- (n_a, n_a + n_x), dbf, dbi, dbc, dbo -- (n_a, 1): summed over all
        time steps
    """
    (caches, x) = caches
    (a1, c1, a0, c0, f1, i1, cc1, o1, x1, parameters) = caches[0]
    n_a, m, T_x = da.shape
    n_x, m = x1.shape
    dx = np.zeros((n_x, m, T_x))
    dWf = np.zeros((n_a, n_a + n_x))
    dWi = np.zeros((n_a, n_a + n_x))
    dWc = np.zeros((n_a, n_a + n_x))
    dWo = np.zeros((n_a, n_a + n_x))
    dbf = np.zeros((n_a, 1))
    dbi = np.zeros((n_a, 1))
    dbc = np.zeros((n_a, 1))
    dbo = np.zeros((n_a, 1))
    da_prevt = np.zeros((n_a, m))
    dc_prevt = np.zeros((n_a, m))
    for t in reversed(range(T_x)):
        da[:, :, t] += da_prevt
        gradients = lstm_cell_backward(da[:, :, t], dc_prevt, caches[t])
        dx[:, :, t] = gradients["dxt"]
        dWf += gradients["dWf"]
        dWi += gradients["dWi"]
        dWc += gradients["dWc"]
        dWo += gradients["dWo"]
        dbf += gradients["dbf"]
        dbi += gradients["dbi"]
        dbc += gradients["dbc"]
        dbo += gradients["dbo"]
        da_prevt = gradients["da_prev"]
        dc_prevt = gradients["dc_prev"]
    da0 = da_prevt
    gradients = {"dx": dx, "da0": da0, "dWf": dWf, "dbf": dbf, "dWi": dWi, "dbi": dbi,
                 "dWc": dWc, "dbc": dbc, "dWo": dWo, "dbo": dbo}
    return gradients