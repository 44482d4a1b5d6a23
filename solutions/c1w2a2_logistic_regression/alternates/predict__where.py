# Correct: np.where on the score: a > 0.5 exactly when z > 0.
def predict(w, b, X):
    Z = w.T @ X + b
    return np.where(Z > 0, 1.0, 0.0)
