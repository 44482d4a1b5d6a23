# Mistake: uses math.exp, which only accepts single numbers.
def sigmoid(x):
    return 1 / (1 + math.exp(-x))
