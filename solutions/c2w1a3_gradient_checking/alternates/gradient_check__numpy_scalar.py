# Correct: the difference as a NumPy float32 scalar (a number >= 0).
def gradient_check(x, theta, epsilon=1e-7, print_msg=False):
    theta_plus = theta + epsilon
    theta_minus = theta - epsilon
    J_plus = forward_propagation(x, theta_plus)
    J_minus = forward_propagation(x, theta_minus)
    gradapprox = (J_plus - J_minus) / (2 * epsilon)

    grad = backward_propagation(x, theta)

    numerator = np.linalg.norm(grad - gradapprox)
    denominator = np.linalg.norm(grad) + np.linalg.norm(gradapprox)
    difference = np.float32(numerator / denominator)
    if print_msg:
        if difference > 2e-7:
            print("There is a mistake in the backward propagation! difference =", difference)
        else:
            print("Your backward propagation works perfectly fine! difference =", difference)
    return difference
