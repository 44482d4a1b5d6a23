# Correct: divides by the step actually taken, theta_plus[i] - theta_minus[i], not 2 epsilon.
import numpy as np

def gradient_check_n(parameters, gradients, X, Y, epsilon=1e-7, print_msg=False):
    """Check the gradients of the 3-layer network against two-sided differences of its cost.

    Arguments:
    parameters -- dict with "W1" (n1, n0), "b1" (n1, 1), "W2" (n2, n1), "b2" (n2, 1),
                  "W3" (1, n2), "b3" (1, 1); left unchanged
    gradients -- dict from backward_propagation_n with "dW1", "db1", ..., "dW3", "db3" of the
                 same shapes (other keys are ignored); left unchanged
    X -- inputs, shape (n0, m)
    Y -- labels, shape (1, m)
    epsilon -- the small shift applied to one entry of theta at a time
    print_msg -- if True, print whether the difference reveals a mistake

    Returns:
    difference -- the relative difference (a number >= 0) between grad, the gradients as a
                  vector, and gradapprox, the vector of two-sided differences of the cost
    """
    theta, layout = dictionary_to_vector(parameters)   # (N, 1)
    grad = gradients_to_vector(gradients, layout)      # (N, 1)
    num_parameters = theta.shape[0]
    J_plus = np.zeros((num_parameters, 1))
    J_minus = np.zeros((num_parameters, 1))
    gradapprox = np.zeros((num_parameters, 1))

    for i in range(num_parameters):
        theta_plus = np.copy(theta)
        theta_plus[i] = theta_plus[i] + epsilon
        J_plus[i], _ = forward_propagation_n(X, Y, vector_to_dictionary(theta_plus, layout))

        theta_minus = np.copy(theta)
        theta_minus[i] = theta_minus[i] - epsilon
        J_minus[i], _ = forward_propagation_n(X, Y, vector_to_dictionary(theta_minus, layout))

        gradapprox[i] = (J_plus[i] - J_minus[i]) / (theta_plus[i] - theta_minus[i])

    numerator = np.linalg.norm(grad - gradapprox)
    denominator = np.linalg.norm(grad) + np.linalg.norm(gradapprox)
    difference = numerator / denominator
    if print_msg:
        if difference > 2e-7:
            print("There is a mistake in the backward propagation! difference =", difference)
        else:
            print("Your backward propagation works perfectly fine! difference =", difference)
    return difference
