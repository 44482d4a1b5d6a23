# Mistake: returns the sigmoid itself, not its slope.
def sigmoid_derivative(x):
    return sigmoid(x)
