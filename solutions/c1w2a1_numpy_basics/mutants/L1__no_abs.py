# Mistake: forgets the absolute value.
def L1(yhat, y):
    return np.sum(y - yhat)
