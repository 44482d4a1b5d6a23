# Mistake: takes the square root (the Euclidean distance, not the L2 loss).
def L2(yhat, y):
    return np.sqrt(np.sum((y - yhat) ** 2))
