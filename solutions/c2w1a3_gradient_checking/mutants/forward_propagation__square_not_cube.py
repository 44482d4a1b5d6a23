# Mistake: squared theta instead of cubing it.
def forward_propagation(x, theta):
    J = x * theta ** 2
    return J
