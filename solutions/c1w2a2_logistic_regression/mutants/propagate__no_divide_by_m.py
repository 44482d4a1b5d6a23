# Mistake: the gradients are sums over the examples, not averages (no 1/m).
def propagate(w, b, X, Y):
    m = X.shape[1]
    A = sigmoid(w.T @ X + b)
    cost = -np.sum(Y * np.log(A) + (1 - Y) * np.log(1 - A)) / m
    dZ = A - Y
    dw = X @ dZ.T
    db = np.sum(dZ)
    grads = {"dw": dw, "db": db}
    return grads, cost
