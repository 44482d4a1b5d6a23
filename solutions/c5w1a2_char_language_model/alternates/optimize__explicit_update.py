# Alternate: writes the clipped update W - alpha dW itself instead of calling update_parameters,
# and passes vocab_size to rnn_forward explicitly.
from utils.char_rnn import rnn_backward, rnn_forward
def optimize(X, Y, a_prev, parameters, learning_rate=0.01):
    vocab_size = parameters["Wya"].shape[0]
    loss, cache = rnn_forward(X, Y, a_prev, parameters, vocab_size)
    grads, states = rnn_backward(X, Y, parameters, cache)
    grads = clip(grads, maxValue=5)
    new_parameters = {}
    for name, value in parameters.items():
        new_parameters[name] = value - learning_rate * grads["d" + name]
    return loss, grads, states[len(X) - 1], new_parameters
