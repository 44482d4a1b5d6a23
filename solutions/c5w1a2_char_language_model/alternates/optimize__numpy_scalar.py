# Correct: the loss as a NumPy float32 scalar (a number).
def optimize(X, Y, a_prev, parameters, learning_rate=0.01):
    loss, cache = rnn_forward(X, Y, a_prev, parameters)
    gradients, a = rnn_backward(X, Y, parameters, cache)
    gradients = clip(gradients, 5)
    new_parameters = update_parameters(parameters, gradients, learning_rate)
    a_last = a[len(X) - 1]
    return np.float32(loss), gradients, a_last, new_parameters
