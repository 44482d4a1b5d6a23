# Correct, written differently: its own cross-entropy (np.mean) and a loop over the layers with
# the squared Frobenius norm from np.linalg.norm.
def compute_cost_with_regularization(A3, Y, parameters, lambd):
    m = Y.shape[1]
    cross_entropy = -np.mean(Y * np.log(A3) + (1 - Y) * np.log(1 - A3))
    squares = 0.0
    for l in range(1, 4):
        squares += np.linalg.norm(parameters["W" + str(l)], "fro") ** 2
    return float(cross_entropy + lambd / (2 * m) * squares)
