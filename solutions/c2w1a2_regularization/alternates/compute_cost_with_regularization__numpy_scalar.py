# Correct: the cost as a NumPy float32 scalar (a number); the squared norms with np.linalg.norm.
def compute_cost_with_regularization(A3, Y, parameters, lambd):
    m = Y.shape[1]
    squares = sum(np.linalg.norm(parameters[k]) ** 2 for k in ("W1", "W2", "W3"))
    return np.float32(compute_cost(A3, Y) + lambd / (2 * m) * squares)
