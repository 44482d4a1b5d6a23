# Correct, returned as a NumPy float32 scalar (the spec asks for a number).
def L1(yhat, y):
    return np.float32(np.abs(y - yhat).sum())
