# Correct, written differently: np.where with the masks, and relu's derivative from Z.
def backward_propagation_with_dropout(X, Y, cache, keep_prob):
    m = X.shape[1]
    (Z1, D1, A1, W1, b1, Z2, D2, A2, W2, b2, Z3, A3, W3, b3) = cache
    grads = {}
    grads["dZ3"] = A3 - Y
    grads["dW3"] = grads["dZ3"] @ A2.T / m
    grads["db3"] = grads["dZ3"].sum(axis=1, keepdims=True) / m
    grads["dA2"] = np.where(D2 != 0, W3.T @ grads["dZ3"] / keep_prob, 0.0)
    grads["dZ2"] = np.where(Z2 > 0, grads["dA2"], 0.0)
    grads["dW2"] = grads["dZ2"] @ A1.T / m
    grads["db2"] = grads["dZ2"].sum(axis=1, keepdims=True) / m
    grads["dA1"] = np.where(D1 != 0, W2.T @ grads["dZ2"] / keep_prob, 0.0)
    grads["dZ1"] = np.where(Z1 > 0, grads["dA1"], 0.0)
    grads["dW1"] = grads["dZ1"] @ X.T / m
    grads["db1"] = grads["dZ1"].sum(axis=1, keepdims=True) / m
    return grads
