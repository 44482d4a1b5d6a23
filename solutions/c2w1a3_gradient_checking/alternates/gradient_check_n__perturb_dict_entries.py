# Correct: no vector round trip: shift each entry of a copied parameters dict in place.
import copy

import numpy as np

def gradient_check_n(parameters, gradients, X, Y, epsilon=1e-7, print_msg=False):
    work = copy.deepcopy(parameters)
    grad, approx = [], []
    for key in ["W1", "b1", "W2", "b2", "W3", "b3"]:
        for index in np.ndindex(work[key].shape):
            original = work[key][index]
            work[key][index] = original + epsilon
            cost_plus, _ = forward_propagation_n(X, Y, work)
            work[key][index] = original - epsilon
            cost_minus, _ = forward_propagation_n(X, Y, work)
            work[key][index] = original
            approx.append((cost_plus - cost_minus) / (2 * epsilon))
            grad.append(gradients["d" + key][index])
    grad, approx = np.array(grad), np.array(approx)
    difference = np.linalg.norm(grad - approx) / (np.linalg.norm(grad) + np.linalg.norm(approx))
    if print_msg:
        if difference > 2e-7:
            print("There is a mistake in the backward propagation! difference =", difference)
        else:
            print("Your backward propagation works perfectly fine! difference =", difference)
    return difference
