# Mistake: uses np.maximum for the ReLU: right values on arrays, but the result is a NumPy
# array, not a Tensor (and on tensors NumPy refuses), so nothing could be differentiated.
def forward_propagation(X, parameters):
    W1, b1 = parameters["W1"], parameters["b1"]
    W2, b2 = parameters["W2"], parameters["b2"]
    W3, b3 = parameters["W3"], parameters["b3"]
    A1 = np.maximum(W1 @ X + b1, 0)
    A2 = np.maximum(W2 @ A1 + b2, 0)
    Z3 = W3 @ A2 + b3
    return Z3
