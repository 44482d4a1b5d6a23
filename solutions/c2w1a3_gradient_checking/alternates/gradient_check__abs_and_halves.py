# Correct: abs() instead of np.linalg.norm, and the difference halved before dividing by epsilon.
def gradient_check(x, theta, epsilon=1e-7, print_msg=False):
    gradapprox = (forward_propagation(x, theta + epsilon)
                  - forward_propagation(x, theta - epsilon)) / 2 / epsilon
    grad = backward_propagation(x, theta)
    difference = abs(grad - gradapprox) / (abs(grad) + abs(gradapprox))
    if print_msg:
        if difference > 2e-7:
            print("There is a mistake in the backward propagation! difference =", difference)
        else:
            print("Your backward propagation works perfectly fine! difference =", difference)
    return difference
