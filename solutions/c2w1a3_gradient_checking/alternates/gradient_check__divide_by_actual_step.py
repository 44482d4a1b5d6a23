# Correct: divides by the step actually taken, theta_plus - theta_minus, instead of 2 epsilon.
import numpy as np

def gradient_check(x, theta, epsilon=1e-7, print_msg=False):
    theta_plus = theta + epsilon
    theta_minus = theta - epsilon
    J_plus = forward_propagation(x, theta_plus)
    J_minus = forward_propagation(x, theta_minus)
    gradapprox = (J_plus - J_minus) / (theta_plus - theta_minus)
    grad = backward_propagation(x, theta)
    difference = (np.linalg.norm(grad - gradapprox)
                  / (np.linalg.norm(grad) + np.linalg.norm(gradapprox)))
    if print_msg:
        if difference > 2e-7:
            print("There is a mistake in the backward propagation! difference =", difference)
        else:
            print("Your backward propagation works perfectly fine! difference =", difference)
    return difference
