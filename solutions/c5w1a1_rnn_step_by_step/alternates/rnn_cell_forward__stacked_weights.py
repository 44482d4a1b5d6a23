# Correct, written differently: the lecture's stacked form W_a [a_prev; xt], with W_a = [Waa | Wax], and an explicit softmax.
import numpy as np


def rnn_cell_forward(xt, a_prev, parameters):
    Wa = np.hstack([parameters["Waa"], parameters["Wax"]])
    a_next = np.tanh(Wa @ np.vstack([a_prev, xt]) + parameters["ba"])
    scores = parameters["Wya"] @ a_next + parameters["by"]
    e = np.exp(scores - scores.max(axis=0))
    yt_pred = e / e.sum(axis=0)
    return a_next, yt_pred, (a_next, a_prev, xt, parameters)
