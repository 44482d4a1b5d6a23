def L2(yhat, y):
    return float(np.sum(np.square(yhat - y)))
