# Mistake: forgot the minus sign in the exponent (computes 1 - sigma(z)).
def sigmoid(z):
    s = 1 / (1 + np.exp(z))
    return s
