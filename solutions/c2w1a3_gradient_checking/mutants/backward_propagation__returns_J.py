# Mistake: returned the forward value x * theta**3 instead of its derivative.
def backward_propagation(x, theta):
    dtheta = x * theta ** 3
    return dtheta
