# Correct, returned as a NumPy extended-precision scalar (np.longdouble; a number).
def L2(yhat, y):
    return np.sum(np.square(np.asarray(y - yhat, dtype=np.longdouble)))
