# Correct, written differently: a loop over the hidden layers, ReLU as nn.ops.maximum(Z, 0),
# matmul through nn.ops.matmul on tensors.
def forward_propagation(X, parameters):
    A = Tensor(X) if not isinstance(X, Tensor) else X
    for l in (1, 2):
        Z = nn.ops.matmul(parameters[f"W{l}"], A) + parameters[f"b{l}"]
        A = nn.ops.maximum(Z, 0.0)
    Z3 = nn.ops.add(nn.ops.matmul(parameters["W3"], A), parameters["b3"])
    return Z3
