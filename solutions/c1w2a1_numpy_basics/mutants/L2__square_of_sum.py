# Mistake: squares the sum instead of summing the squares.
def L2(yhat, y):
    return np.sum(y - yhat) ** 2
