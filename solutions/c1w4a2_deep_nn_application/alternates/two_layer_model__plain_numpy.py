# Correct, written differently: the forward and backward passes in plain NumPy (dZ2 = A2 - Y
# directly), a tanh-based sigmoid, in-place updates of local copies; only the initialisation
# comes from utils.dnn, as the docstring prescribes.
def two_layer_model(X, Y, layers_dims, learning_rate=0.0075, num_iterations=3000,
                    print_cost=False):
    n_x, n_h, n_y = layers_dims
    init = initialize_parameters(n_x, n_h, n_y)
    W1, b1, W2, b2 = (init[k].copy() for k in ("W1", "b1", "W2", "b2"))
    m = X.shape[1]
    costs = []
    for i in range(num_iterations):
        Z1 = np.dot(W1, X) + b1
        A1 = np.where(Z1 > 0, Z1, 0.0)
        A2 = 0.5 * (1 + np.tanh(0.5 * (np.dot(W2, A1) + b2)))
        if i % 100 == 0:
            cost = -np.mean(Y * np.log(A2) + (1 - Y) * np.log(1 - A2))
            costs.append(float(cost))
            if print_cost:
                print("iteration", i, "cost", cost)
        dZ2 = A2 - Y
        dZ1 = np.dot(W2.T, dZ2) * (Z1 > 0)
        W2 -= learning_rate * np.dot(dZ2, A1.T) / m
        b2 -= learning_rate * dZ2.mean(axis=1, keepdims=True)
        W1 -= learning_rate * np.dot(dZ1, X.T) / m
        b1 -= learning_rate * dZ1.mean(axis=1, keepdims=True)
    return {"W1": W1, "b1": b1, "W2": W2, "b2": b2}, costs
