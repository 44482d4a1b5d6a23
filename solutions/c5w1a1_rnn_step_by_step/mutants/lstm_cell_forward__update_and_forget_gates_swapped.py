# Mistake: the update and forget gates are swapped in the cell-state update.
import numpy as np

def lstm_cell_forward(xt, a_prev, c_prev, parameters):
    """One time step of an LSTM.

    Arguments:
    xt -- input at step t, shape (n_x, m)
    a_prev -- hidden state a<t-1>, shape (n_a, m)
    c_prev -- cell state c<t-1>, shape (n_a, m)
    parameters -- dict with
        Wf, Wi, Wc, Wo -- forget gate, update gate, candidate, output gate, each (n_a, n_a + n_x);
                          they multiply concat = [a_prev; xt] (a_prev on top)
        bf, bi, bc, bo -- their biases, each (n_a, 1)
        Wy -- (n_y, n_a), by -- (n_y, 1): the prediction layer

    Returns:
    a_next -- hidden state a<t>, shape (n_a, m)
    c_next -- cell state c<t>, shape (n_a, m)
    yt_pred -- prediction softmax(Wy a_next + by), shape (n_y, m)
    cache -- the tuple (a_next, c_next, a_prev, c_prev, ft, it, cct, ot, xt, parameters)
    """
    Wf, bf = parameters["Wf"], parameters["bf"]
    Wi, bi = parameters["Wi"], parameters["bi"]
    Wc, bc = parameters["Wc"], parameters["bc"]
    Wo, bo = parameters["Wo"], parameters["bo"]
    Wy, by = parameters["Wy"], parameters["by"]
    concat = np.concatenate((a_prev, xt), axis=0)
    ft = sigmoid(Wf @ concat + bf)
    it = sigmoid(Wi @ concat + bi)
    cct = np.tanh(Wc @ concat + bc)
    c_next = it * c_prev + ft * cct
    ot = sigmoid(Wo @ concat + bo)
    a_next = ot * np.tanh(c_next)
    yt_pred = softmax(Wy @ a_next + by)
    cache = (a_next, c_next, a_prev, c_prev, ft, it, cct, ot, xt, parameters)
    return a_next, c_next, yt_pred, cache
