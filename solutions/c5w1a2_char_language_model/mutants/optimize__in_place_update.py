# Mistake: updated the caller's parameters in place with -= and returned the caller's dict.
from utils.char_rnn import rnn_backward, rnn_forward
def optimize(X, Y, a_prev, parameters, learning_rate=0.01):
    loss, cache = rnn_forward(X, Y, a_prev, parameters)
    gradients, a = rnn_backward(X, Y, parameters, cache)
    gradients = clip(gradients, 5)
    for key in ["Wax", "Waa", "Wya", "b", "by"]:
        parameters[key] -= learning_rate * gradients["d" + key]
    return loss, gradients, a[len(X) - 1], parameters
