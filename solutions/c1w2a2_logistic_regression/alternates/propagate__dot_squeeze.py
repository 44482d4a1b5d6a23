# Correct: np.dot everywhere, cost from matrix products squeezed to a number.
def propagate(w, b, X, Y):
    m = X.shape[1]
    A = sigmoid(np.dot(w.T, X) + b)
    cost = -(np.dot(Y, np.log(A).T) + np.dot(1 - Y, np.log(1 - A).T)) / m
    cost = np.squeeze(cost)
    dw = np.dot(X, (A - Y).T) / m
    db = np.mean(A - Y)
    grads = {"db": db, "dw": dw}
    return grads, cost
