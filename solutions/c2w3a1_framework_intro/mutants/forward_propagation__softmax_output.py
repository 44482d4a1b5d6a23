# Mistake: applies the softmax to the last layer, so it returns probabilities, not logits.
def forward_propagation(X, parameters):
    W1, b1 = parameters["W1"], parameters["b1"]
    W2, b2 = parameters["W2"], parameters["b2"]
    W3, b3 = parameters["W3"], parameters["b3"]
    A1 = nn.ops.relu(W1 @ X + b1)
    A2 = nn.ops.relu(W2 @ A1 + b2)
    Z3 = nn.ops.softmax(W3 @ A2 + b3, axis=0)
    return Z3
