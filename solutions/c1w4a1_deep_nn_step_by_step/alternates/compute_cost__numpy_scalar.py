# Correct: the cost as a NumPy float64 scalar (a number), not converted with float().
def compute_cost(AL, Y):
    m = Y.shape[1]
    return -np.sum(Y * np.log(AL) + (1 - Y) * np.log(1 - AL)) / m
