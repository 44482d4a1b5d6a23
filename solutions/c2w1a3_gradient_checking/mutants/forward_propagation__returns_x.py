# Mistake: returned the input x (the derivative) instead of J = theta * x.
def forward_propagation(x, theta):
    J = x
    return J
