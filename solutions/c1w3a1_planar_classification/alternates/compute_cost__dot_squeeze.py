# Correct, written differently: the sums as dot products, squeezed to a number.
import numpy as np
def compute_cost(A2, Y):
    m = Y.shape[1]
    cost = -(np.dot(Y, np.log(A2).T) + np.dot(1 - Y, np.log(1 - A2).T)) / m
    cost = float(np.squeeze(cost))
    return cost
