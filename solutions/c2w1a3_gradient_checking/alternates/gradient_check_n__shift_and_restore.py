# Correct: one working copy shifted by +eps, then -2 eps, then restored; norms by hand.
import numpy as np

def gradient_check_n(parameters, gradients, X, Y, epsilon=1e-7, print_msg=False):
    theta, layout = dictionary_to_vector(parameters)
    grad = gradients_to_vector(gradients, layout)
    work = theta.copy()
    J_plus, J_minus = [], []
    for i in range(len(work)):
        original = work[i, 0]
        work[i, 0] = original + epsilon
        J_plus.append(forward_propagation_n(X, Y, vector_to_dictionary(work, layout))[0])
        work[i, 0] = original - epsilon
        J_minus.append(forward_propagation_n(X, Y, vector_to_dictionary(work, layout))[0])
        work[i, 0] = original
    gradapprox = (np.array(J_plus) - np.array(J_minus)).reshape(-1, 1) / (2 * epsilon)
    difference = (np.sqrt(np.sum((grad - gradapprox) ** 2))
                  / (np.sqrt(np.sum(grad ** 2)) + np.sqrt(np.sum(gradapprox ** 2))))
    if print_msg:
        if difference > 2e-7:
            print("There is a mistake in the backward propagation! difference =", difference)
        else:
            print("Your backward propagation works perfectly fine! difference =", difference)
    return difference
