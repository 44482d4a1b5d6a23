# Mistake: sums absolute values (that is L1).
def L2(yhat, y):
    return np.sum(np.abs(y - yhat))
