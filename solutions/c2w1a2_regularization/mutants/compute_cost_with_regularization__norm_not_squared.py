# Mistake: np.linalg.norm(W) is the Frobenius norm itself; the cost needs its square.
def compute_cost_with_regularization(A3, Y, parameters, lambd):
    m = Y.shape[1]
    W1, W2, W3 = parameters["W1"], parameters["W2"], parameters["W3"]
    cross_entropy_cost = compute_cost(A3, Y)
    L2_regularization_cost = lambd / (2 * m) * (np.linalg.norm(W1) + np.linalg.norm(W2)
                                                + np.linalg.norm(W3))
    return cross_entropy_cost + L2_regularization_cost
