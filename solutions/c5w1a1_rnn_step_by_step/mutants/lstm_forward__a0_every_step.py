# Mistake: the hidden state is not updated in the loop: every step reads a0.
import numpy as np

def lstm_forward(x, a0, parameters):
    """Forward pass of an LSTM over a whole sequence.

    Arguments:
    x -- input sequence, shape (n_x, m, T_x)
    a0 -- initial hidden state a<0>, shape (n_a, m); the initial cell state c<0> is zero
    parameters -- dict with Wf, Wi, Wc, Wo (n_a, n_a + n_x), bf, bi, bc, bo (n_a, 1),
                  Wy (n_y, n_a), by (n_y, 1)

    Returns:
    a -- hidden states, shape (n_a, m, T_x)
    y -- predictions, shape (n_y, m, T_x)
    c -- cell states, shape (n_a, m, T_x)
    caches -- the tuple (list of the T_x caches of lstm_cell_forward, x), for lstm_backward
    """
    n_x, m, T_x = x.shape
    n_y, n_a = parameters["Wy"].shape
    caches = []
    a = np.zeros((n_a, m, T_x))
    c = np.zeros((n_a, m, T_x))
    y = np.zeros((n_y, m, T_x))
    a_next = a0
    c_next = np.zeros((n_a, m))
    for t in range(T_x):
        a_t, c_next, yt, cache = lstm_cell_forward(x[:, :, t], a0, c_next, parameters)
        a[:, :, t] = a_t
        c[:, :, t] = c_next
        y[:, :, t] = yt
        caches.append(cache)
    caches = (caches, x)
    return a, y, c, caches
