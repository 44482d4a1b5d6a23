# Correct, written differently: accumulate one example (column) at a time.
def linear_backward(dZ, cache):
    A_prev, W, b = cache
    m = A_prev.shape[1]
    dW = np.zeros(W.shape)
    db = np.zeros(b.shape)
    dA_prev = np.zeros(A_prev.shape)
    for i in range(m):
        dz = dZ[:, i:i + 1]
        dW += np.outer(dz, A_prev[:, i])
        db += dz
        dA_prev[:, i:i + 1] = W.T @ dz
    return dA_prev, dW / m, db / m
