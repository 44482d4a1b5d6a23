# Mistake: the L2 term is lambd / 2 * sum ||W||^2, without dividing by m.
def compute_cost_with_regularization(A3, Y, parameters, lambd):
    m = Y.shape[1]
    W1, W2, W3 = parameters["W1"], parameters["W2"], parameters["W3"]
    cross_entropy_cost = compute_cost(A3, Y)
    L2_regularization_cost = lambd / 2 * (np.sum(np.square(W1)) + np.sum(np.square(W2))
                                          + np.sum(np.square(W3)))
    return cross_entropy_cost + L2_regularization_cost
