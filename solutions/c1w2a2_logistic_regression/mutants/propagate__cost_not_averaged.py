# Mistake: the cost is the sum of the losses, not their mean.
def propagate(w, b, X, Y):
    m = X.shape[1]
    A = sigmoid(w.T @ X + b)
    cost = -np.sum(Y * np.log(A) + (1 - Y) * np.log(1 - A))
    dZ = A - Y
    dw = X @ dZ.T / m
    db = np.sum(dZ) / m
    grads = {"dw": dw, "db": db}
    return grads, cost
