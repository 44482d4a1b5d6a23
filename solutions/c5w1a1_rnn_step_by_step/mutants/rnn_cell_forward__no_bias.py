# Mistake: forgot the bias ba inside the tanh.
import numpy as np

def rnn_cell_forward(xt, a_prev, parameters):
    """One time step of a basic RNN.

    Arguments:
    xt -- input at step t, shape (n_x, m)
    a_prev -- hidden state a<t-1>, shape (n_a, m)
    parameters -- dict with
        Wax -- (n_a, n_x), Waa -- (n_a, n_a), Wya -- (n_y, n_a), ba -- (n_a, 1), by -- (n_y, 1)

    Returns:
    a_next -- hidden state a<t> = tanh(Waa a_prev + Wax xt + ba), shape (n_a, m)
    yt_pred -- prediction softmax(Wya a_next + by), shape (n_y, m)
    cache -- the tuple (a_next, a_prev, xt, parameters), for rnn_cell_backward
    """
    Wax = parameters["Wax"]
    Waa = parameters["Waa"]
    Wya = parameters["Wya"]
    ba = parameters["ba"]
    by = parameters["by"]
    a_next = np.tanh(Waa @ a_prev + Wax @ xt)
    yt_pred = softmax(Wya @ a_next + by)
    cache = (a_next, a_prev, xt, parameters)
    return a_next, yt_pred, cache
