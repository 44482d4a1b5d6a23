# Correct, written differently: collects the steps in lists and stacks them at the end.
import numpy as np


def rnn_forward(x, a0, parameters):
    states, preds, steps = [], [], []
    a_t = a0
    for x_t in np.moveaxis(x, 2, 0):
        a_t, y_t, cache = rnn_cell_forward(x_t, a_t, parameters)
        states.append(a_t)
        preds.append(y_t)
        steps.append(cache)
    return np.stack(states, axis=2), np.stack(preds, axis=2), (steps, x)
