# Mistake: applies the formula to x instead of to s = sigmoid(x).
def sigmoid_derivative(x):
    return x * (1 - x)
