# Mistake: sums the losses but forgets to divide by m.
import numpy as np
def compute_cost(A2, Y):
    m = Y.shape[1]
    cost = -np.sum(Y * np.log(A2) + (1 - Y) * np.log(1 - A2))
    return cost
