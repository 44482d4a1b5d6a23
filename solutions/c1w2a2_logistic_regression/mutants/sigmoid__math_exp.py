# Mistake: uses math.exp, which accepts a single number only, not an array.
import math

def sigmoid(z):
    s = 1 / (1 + math.exp(-z))
    return s
