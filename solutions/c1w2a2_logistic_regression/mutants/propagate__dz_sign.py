# Mistake: dZ = Y - A instead of A - Y, so both gradients have the wrong sign.
def propagate(w, b, X, Y):
    m = X.shape[1]
    A = sigmoid(w.T @ X + b)
    cost = -np.sum(Y * np.log(A) + (1 - Y) * np.log(1 - A)) / m
    dZ = Y - A
    dw = X @ dZ.T / m
    db = np.sum(dZ) / m
    grads = {"dw": dw, "db": db}
    return grads, cost
