# Mistake: a probability of exactly 0.5 is predicted as 1 (>= instead of >).
def predict(w, b, X):
    A = sigmoid(w.T @ X + b)
    Y_prediction = (A >= 0.5).astype(float)
    return Y_prediction
