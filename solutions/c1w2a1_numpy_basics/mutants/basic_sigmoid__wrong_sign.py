# Mistake: the sign inside the exponential is wrong (gives sigma(-x)).
def basic_sigmoid(x):
    return 1 / (1 + math.exp(x))
