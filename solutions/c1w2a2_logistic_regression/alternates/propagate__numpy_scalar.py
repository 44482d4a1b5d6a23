# Correct: the cost and db as NumPy float32 scalars (numbers, as the spec asks).
def propagate(w, b, X, Y):
    m = X.shape[1]
    A = sigmoid(w.T @ X + b)
    cost = np.float32(-np.mean(Y * np.log(A) + (1 - Y) * np.log(1 - A)))
    dw = X @ (A - Y).T / m
    db = np.float32(np.mean(A - Y))
    grads = {"dw": dw, "db": db}
    return grads, cost
