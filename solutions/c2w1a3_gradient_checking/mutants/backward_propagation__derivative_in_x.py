# Mistake: differentiated with respect to x instead of theta (returned theta**3).
def backward_propagation(x, theta):
    dtheta = theta ** 3
    return dtheta
