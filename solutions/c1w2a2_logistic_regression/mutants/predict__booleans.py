# Mistake: returns the boolean array A > 0.5 instead of floats 0. and 1.
def predict(w, b, X):
    A = sigmoid(w.T @ X + b)
    Y_prediction = A > 0.5
    return Y_prediction
