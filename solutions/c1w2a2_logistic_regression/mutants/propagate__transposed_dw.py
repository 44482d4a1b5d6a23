# Mistake: dw computed as (A - Y) @ X.T, a row (1, n_x) instead of a column (n_x, 1).
def propagate(w, b, X, Y):
    m = X.shape[1]
    A = sigmoid(w.T @ X + b)
    cost = -np.sum(Y * np.log(A) + (1 - Y) * np.log(1 - A)) / m
    dZ = A - Y
    dw = dZ @ X.T / m
    db = np.sum(dZ) / m
    grads = {"dw": dw, "db": db}
    return grads, cost
