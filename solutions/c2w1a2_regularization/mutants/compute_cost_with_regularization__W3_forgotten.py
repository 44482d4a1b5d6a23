# Mistake: only W1 and W2 are penalised; the output layer's W3 is forgotten.
def compute_cost_with_regularization(A3, Y, parameters, lambd):
    m = Y.shape[1]
    W1, W2 = parameters["W1"], parameters["W2"]
    cross_entropy_cost = compute_cost(A3, Y)
    L2_regularization_cost = lambd / (2 * m) * (np.sum(np.square(W1)) + np.sum(np.square(W2)))
    return cross_entropy_cost + L2_regularization_cost
