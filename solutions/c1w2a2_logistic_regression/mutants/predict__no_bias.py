# Mistake: forgot the bias: A = sigmoid(w^T X).
def predict(w, b, X):
    A = sigmoid(w.T @ X)
    Y_prediction = (A > 0.5).astype(float)
    return Y_prediction
