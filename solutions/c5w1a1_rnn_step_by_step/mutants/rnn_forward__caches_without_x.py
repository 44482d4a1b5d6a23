# Mistake: returns the list of step caches without x.
import numpy as np

def rnn_forward(x, a0, parameters):
    """Forward pass of a basic RNN over a whole sequence.

    Arguments:
    x -- input sequence, shape (n_x, m, T_x)
    a0 -- initial hidden state a<0>, shape (n_a, m)
    parameters -- dict with Wax (n_a, n_x), Waa (n_a, n_a), Wya (n_y, n_a), ba (n_a, 1), by (n_y, 1)

    Returns:
    a -- hidden states, shape (n_a, m, T_x): a[:, :, t] is the state after reading x[:, :, t]
    y_pred -- predictions, shape (n_y, m, T_x)
    caches -- the tuple (list of the T_x caches of rnn_cell_forward, x), for rnn_backward
    """
    n_x, m, T_x = x.shape
    n_y, n_a = parameters["Wya"].shape
    caches = []
    a = np.zeros((n_a, m, T_x))
    y_pred = np.zeros((n_y, m, T_x))
    a_next = a0
    for t in range(T_x):
        a_next, yt_pred, cache = rnn_cell_forward(x[:, :, t], a_next, parameters)
        a[:, :, t] = a_next
        y_pred[:, :, t] = yt_pred
        caches.append(cache)
    return a, y_pred, caches
