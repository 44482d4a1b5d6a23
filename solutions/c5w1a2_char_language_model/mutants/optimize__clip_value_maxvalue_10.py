# Mistake: clipped to [-10, 10] instead of [-5, 5].
from utils.char_rnn import rnn_backward, rnn_forward, update_parameters
def optimize(X, Y, a_prev, parameters, learning_rate=0.01):
    loss, cache = rnn_forward(X, Y, a_prev, parameters)
    gradients, a = rnn_backward(X, Y, parameters, cache)
    gradients = clip(gradients, 10)
    new_parameters = update_parameters(parameters, gradients, learning_rate)
    return loss, gradients, a[len(X) - 1], new_parameters
