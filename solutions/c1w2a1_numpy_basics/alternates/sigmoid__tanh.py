def sigmoid(x):
    return 0.5 * (1 + np.tanh(0.5 * x))
