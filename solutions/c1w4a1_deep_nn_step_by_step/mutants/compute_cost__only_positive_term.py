# Mistake: dropped the (1 - y) log(1 - a) term.
def compute_cost(AL, Y):
    m = Y.shape[1]
    cost = -np.sum(Y * np.log(AL)) / m
    return float(cost)
