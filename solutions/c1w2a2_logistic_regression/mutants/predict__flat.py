# Mistake: fills a 1-D array of shape (m,) instead of a row (1, m).
def predict(w, b, X):
    m = X.shape[1]
    Y_prediction = np.zeros(m)
    A = sigmoid(w.T @ X + b)
    for i in range(m):
        Y_prediction[i] = 1.0 if A[0, i] > 0.5 else 0.0
    return Y_prediction
