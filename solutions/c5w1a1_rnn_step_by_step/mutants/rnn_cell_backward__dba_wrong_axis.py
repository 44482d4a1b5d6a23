# Mistake: dba sums over the wrong axis (the units instead of the examples).
import numpy as np

def rnn_cell_backward(da_next, cache):
    """Backward pass of one basic-RNN step.

    Arguments:
    da_next -- gradient of a scalar loss L with respect to a<t> (the cell's output): everything
               that reaches a<t>, shape (n_a, m); to first order L = np.sum(da_next * a_next)
    cache -- (a_next, a_prev, xt, parameters), as returned by rnn_cell_forward

    Returns:
    gradients -- dict of the gradients of L:
        dxt -- with respect to xt, shape (n_x, m)
        da_prev -- with respect to a<t-1>, shape (n_a, m)
        dWax -- (n_a, n_x), dWaa -- (n_a, n_a), dba -- (n_a, 1): this step's parameter gradients
    """
    (a_next, a_prev, xt, parameters) = cache
    Wax = parameters["Wax"]
    Waa = parameters["Waa"]
    dtanh = (1 - a_next ** 2) * da_next
    dxt = Wax.T @ dtanh
    dWax = dtanh @ xt.T
    da_prev = Waa.T @ dtanh
    dWaa = dtanh @ a_prev.T
    dba = np.sum(dtanh, axis=0, keepdims=True)
    gradients = {"dxt": dxt, "da_prev": da_prev, "dWax": dWax, "dWaa": dWaa, "dba": dba}
    return gradients
