# Mistake: a fixed epsilon = 1e-7 instead of the argument epsilon.
import numpy as np

def gradient_check(x, theta, epsilon=1e-7, print_msg=False):
    """Check backward_propagation against the two-sided difference of forward_propagation.

    Arguments:
    x -- the input, a real number
    theta -- the parameter, a real number
    epsilon -- the small shift of theta used by the two-sided difference
    print_msg -- if True, print whether the difference reveals a mistake

    Returns:
    difference -- the relative difference (a number >= 0) between dtheta from
                  backward_propagation and gradapprox = (J(theta + eps) - J(theta - eps)) / (2 eps)
    """
    epsilon = 1e-7
    theta_plus = theta + epsilon
    theta_minus = theta - epsilon
    J_plus = forward_propagation(x, theta_plus)
    J_minus = forward_propagation(x, theta_minus)
    gradapprox = (J_plus - J_minus) / (2 * epsilon)

    grad = backward_propagation(x, theta)

    numerator = np.linalg.norm(grad - gradapprox)
    denominator = np.linalg.norm(grad) + np.linalg.norm(gradapprox)
    difference = numerator / denominator
    if print_msg:
        if difference > 2e-7:
            print("There is a mistake in the backward propagation! difference =", difference)
        else:
            print("Your backward propagation works perfectly fine! difference =", difference)
    return difference
