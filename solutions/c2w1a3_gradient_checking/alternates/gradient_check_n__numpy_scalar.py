# Correct: the difference as a NumPy float32 scalar (a number >= 0).
def gradient_check_n(parameters, gradients, X, Y, epsilon=1e-7, print_msg=False):
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

        gradapprox[i] = (J_plus[i] - J_minus[i]) / (2 * epsilon)

    numerator = np.linalg.norm(grad - gradapprox)
    denominator = np.linalg.norm(grad) + np.linalg.norm(gradapprox)
    difference = np.float32(numerator / denominator)
    if print_msg:
        if difference > 2e-7:
            print("There is a mistake in the backward propagation! difference =", difference)
        else:
            print("Your backward propagation works perfectly fine! difference =", difference)
    return difference
