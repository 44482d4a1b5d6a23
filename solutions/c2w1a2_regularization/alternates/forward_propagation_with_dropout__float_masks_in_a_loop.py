# Correct, written differently: a loop over the two hidden layers, float 0./1. masks.
def forward_propagation_with_dropout(X, parameters, keep_prob=0.5, seed=1):
    np.random.seed(seed)
    A, saved = X, []
    for l in (1, 2):
        W, b = parameters["W" + str(l)], parameters["b" + str(l)]
        Z = np.dot(W, A) + b
        A, _ = relu(Z)
        D = (np.random.rand(A.shape[0], A.shape[1]) < keep_prob).astype(float)
        A = np.multiply(A, D) / keep_prob
        saved.append((Z, D, A, W, b))
    W3, b3 = parameters["W3"], parameters["b3"]
    Z3 = np.dot(W3, A) + b3
    A3, _ = sigmoid(Z3)
    return A3, saved[0] + saved[1] + (Z3, A3, W3, b3)
