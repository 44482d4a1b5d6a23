# Mistake: differentiated theta**3 and dropped the constant factor x.
def backward_propagation(x, theta):
    dtheta = 3 * theta ** 2
    return dtheta
