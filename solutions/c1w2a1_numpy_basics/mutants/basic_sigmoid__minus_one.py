# Mistake: 1 - exp(-x) in the denominator.
def basic_sigmoid(x):
    return 1 / (1 - math.exp(-x))
