# Mistake: returned the first hidden state a[0] instead of the last one a[len(X) - 1].
from utils.char_rnn import rnn_backward, rnn_forward, update_parameters
def optimize(X, Y, a_prev, parameters, learning_rate=0.01):
    loss, cache = rnn_forward(X, Y, a_prev, parameters)
    gradients, a = rnn_backward(X, Y, parameters, cache)
    gradients = clip(gradients, 5)
    new_parameters = update_parameters(parameters, gradients, learning_rate)
    return loss, gradients, a[0], new_parameters
