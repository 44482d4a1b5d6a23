# Mistake: forgot the factor 3 of the power rule.
def backward_propagation(x, theta):
    dtheta = x * theta ** 2
    return dtheta
