# Mistake: every parameter is penalised, the biases b1, b2, b3 too.
def compute_cost_with_regularization(A3, Y, parameters, lambd):
    m = Y.shape[1]
    cross_entropy_cost = compute_cost(A3, Y)
    L2_regularization_cost = lambd / (2 * m) * sum(np.sum(np.square(v))
                                                   for v in parameters.values())
    return cross_entropy_cost + L2_regularization_cost
