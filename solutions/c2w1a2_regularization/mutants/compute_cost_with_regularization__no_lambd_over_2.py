# Mistake: the L2 term is (1 / m) * sum ||W||^2: the factor lambd / 2 is missing.
def compute_cost_with_regularization(A3, Y, parameters, lambd):
    m = Y.shape[1]
    W1, W2, W3 = parameters["W1"], parameters["W2"], parameters["W3"]
    cross_entropy_cost = compute_cost(A3, Y)
    L2_regularization_cost = 1 / m * (np.sum(np.square(W1)) + np.sum(np.square(W2))
                                      + np.sum(np.square(W3)))
    return cross_entropy_cost + L2_regularization_cost
