# Correct: the cost as a NumPy float32 scalar (a number).
def compute_cost(A2, Y):
    m = Y.shape[1]
    cost = -np.sum(Y * np.log(A2) + (1 - Y) * np.log(1 - A2)) / m
    return np.float32(cost)
