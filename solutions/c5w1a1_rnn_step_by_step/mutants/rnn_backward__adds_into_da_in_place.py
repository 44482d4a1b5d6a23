# Mistake: adds da_prevt into the argument da in place (right numbers, but the caller's array changes).
import numpy as np

def rnn_backward(da, caches):
    """Backpropagation through time for a basic RNN.

    Arguments:
    da -- shape (n_a, m, T_x): da[:, :, t] is the partial derivative of a scalar loss L with
          respect to the hidden state a[:, :, t], with the later hidden states held fixed (the
          direct dependence, e.g. through the prediction of step t); to first order
          L = sum over t of np.sum(da[:, :, t] * a[:, :, t])
    caches -- (list of step caches, x), as returned by rnn_forward

    Returns:
    gradients -- dict of the total gradients of L (through all later steps):
        dx -- with respect to x, shape (n_x, m, T_x)
        da0 -- with respect to a0, shape (n_a, m)
        dWax -- (n_a, n_x), dWaa -- (n_a, n_a), dba -- (n_a, 1): summed over all time steps
    """
    (caches, x) = caches
    (a1, a0, x1, parameters) = caches[0]
    n_a, m, T_x = da.shape
    n_x, m = x1.shape
    dx = np.zeros((n_x, m, T_x))
    dWax = np.zeros((n_a, n_x))
    dWaa = np.zeros((n_a, n_a))
    dba = np.zeros((n_a, 1))
    da_prevt = np.zeros((n_a, m))
    for t in reversed(range(T_x)):
        da[:, :, t] += da_prevt
        gradients = rnn_cell_backward(da[:, :, t], caches[t])
        dx[:, :, t] = gradients["dxt"]
        dWax += gradients["dWax"]
        dWaa += gradients["dWaa"]
        dba += gradients["dba"]
        da_prevt = gradients["da_prev"]
    da0 = da_prevt
    gradients = {"dx": dx, "da0": da0, "dWax": dWax, "dWaa": dWaa, "dba": dba}
    return gradients
