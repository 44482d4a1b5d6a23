# Mistake: returned the forward value theta * x instead of its derivative.
def backward_propagation(x, theta):
    dtheta = theta * x
    return dtheta
