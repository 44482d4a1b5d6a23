# Correct: the loop over examples of the lecture, before vectorisation.
def propagate(w, b, X, Y):
    n_x, m = X.shape
    cost = 0.0
    dw = np.zeros((n_x, 1))
    db = 0.0
    for i in range(m):
        x = X[:, i:i + 1]                       # (n_x, 1)
        z = float(np.sum(w * x)) + b
        a = 1.0 / (1.0 + np.exp(-z))
        y = float(Y[0, i])
        cost += -(y * np.log(a) + (1 - y) * np.log(1 - a))
        dz = a - y
        dw += x * dz
        db += dz
    grads = {"dw": dw / m, "db": db / m}
    return grads, cost / m
