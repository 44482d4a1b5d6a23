# Mistake: returns the probabilities A without thresholding them.
def predict(w, b, X):
    A = sigmoid(w.T @ X + b)
    Y_prediction = A
    return Y_prediction
