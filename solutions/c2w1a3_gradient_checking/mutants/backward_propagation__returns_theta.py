# Mistake: differentiated with respect to x instead of theta (returned theta).
def backward_propagation(x, theta):
    dtheta = theta
    return dtheta
