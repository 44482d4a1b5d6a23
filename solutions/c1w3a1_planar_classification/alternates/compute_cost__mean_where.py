# Correct, written differently: the log-probability of the true class, averaged with np.mean.
import numpy as np
def compute_cost(A2, Y):
    m = Y.shape[1]
    prob_of_label = np.where(Y == 1, A2, 1 - A2)
    cost = -np.mean(np.log(prob_of_label))
    return cost
