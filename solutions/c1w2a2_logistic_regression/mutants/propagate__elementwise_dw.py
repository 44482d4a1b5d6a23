# Mistake: X * (A - Y) is an elementwise product (n_x, m); the sum over examples is missing.
def propagate(w, b, X, Y):
    m = X.shape[1]
    A = sigmoid(w.T @ X + b)
    cost = -np.sum(Y * np.log(A) + (1 - Y) * np.log(1 - A)) / m
    dZ = A - Y
    dw = X * dZ / m
    db = np.sum(dZ) / m
    grads = {"dw": dw, "db": db}
    return grads, cost
