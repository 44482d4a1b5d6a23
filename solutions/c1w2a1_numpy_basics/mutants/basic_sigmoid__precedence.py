# Mistake: operator precedence, 1/1 + exp(-x) instead of 1/(1 + exp(-x)).
def basic_sigmoid(x):
    return 1 / 1 + math.exp(-x)
