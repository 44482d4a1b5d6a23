# sigma(x) = (1 + tanh(x / 2)) / 2
def basic_sigmoid(x):
    return 0.5 * (1.0 + math.tanh(x / 2.0))
