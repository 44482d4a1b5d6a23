# Mistake: cubed x instead of theta (J = theta * x**3).
def forward_propagation(x, theta):
    J = theta * x ** 3
    return J
