# Mistake: forgets the ReLU of the second layer (two linear layers in a row).
def forward_propagation(X, parameters):
    W1, b1 = parameters["W1"], parameters["b1"]
    W2, b2 = parameters["W2"], parameters["b2"]
    W3, b3 = parameters["W3"], parameters["b3"]
    A1 = nn.ops.relu(W1 @ X + b1)
    Z2 = W2 @ A1 + b2
    Z3 = W3 @ Z2 + b3
    return Z3
