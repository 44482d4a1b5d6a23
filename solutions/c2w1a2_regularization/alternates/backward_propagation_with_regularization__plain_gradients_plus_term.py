# Correct, written differently: the given backward_propagation, then the weight-decay terms.
def backward_propagation_with_regularization(X, Y, cache, lambd):
    m = X.shape[1]
    gradients = dict(backward_propagation(X, Y, cache))
    weights = {"dW1": cache[2], "dW2": cache[6], "dW3": cache[10]}
    for key, W in weights.items():
        gradients[key] = gradients[key] + (lambd / m) * W
    return gradients
