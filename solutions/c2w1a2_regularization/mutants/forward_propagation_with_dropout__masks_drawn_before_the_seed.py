# Mistake: draws the masks at the top, before np.random.seed(seed).
def forward_propagation_with_dropout(X, parameters, keep_prob=0.5, seed=1):
    D1 = np.random.rand(parameters['W1'].shape[0], X.shape[1]) < keep_prob
    D2 = np.random.rand(parameters['W2'].shape[0], X.shape[1]) < keep_prob
    np.random.seed(seed)
    W1 = parameters["W1"]
    b1 = parameters["b1"]
    W2 = parameters["W2"]
    b2 = parameters["b2"]
    W3 = parameters["W3"]
    b3 = parameters["b3"]
    Z1 = np.dot(W1, X) + b1
    A1, _ = relu(Z1)
    A1 = A1 * D1 / keep_prob
    Z2 = np.dot(W2, A1) + b2
    A2, _ = relu(Z2)
    A2 = A2 * D2 / keep_prob
    Z3 = np.dot(W3, A2) + b3
    A3, _ = sigmoid(Z3)
    cache = (Z1, D1, A1, W1, b1, Z2, D2, A2, W2, b2, Z3, A3, W3, b3)
    return A3, cache
