# Mistake: averages instead of summing.
def L1(yhat, y):
    return np.mean(np.abs(y - yhat))
