# Mistake: uses np.maximum for the ReLU: the values are right, but the result leaves the
# framework's graph, so W1 and b1 (and W2, b2) get no gradient and never train.
def forward_propagation(X, parameters):
    W1, b1 = parameters["W1"], parameters["b1"]
    W2, b2 = parameters["W2"], parameters["b2"]
    W3, b3 = parameters["W3"], parameters["b3"]
    A1 = np.maximum(W1 @ X + b1, 0)
    A2 = np.maximum(W2 @ A1 + b2, 0)
    Z3 = W3 @ A2 + b3
    return Z3
