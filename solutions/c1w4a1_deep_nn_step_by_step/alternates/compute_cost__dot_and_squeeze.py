# Correct, written differently: dot products, squeezed to a 0-d array.
def compute_cost(AL, Y):
    m = Y.shape[1]
    cost = -(1.0 / m) * (np.dot(Y, np.log(AL).T) + np.dot(1 - Y, np.log(1 - AL).T))
    return np.squeeze(cost)
