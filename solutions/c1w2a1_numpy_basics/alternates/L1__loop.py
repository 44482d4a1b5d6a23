def L1(yhat, y):
    total = 0.0
    for a, b in zip(yhat, y):
        total += abs(b - a)
    return total
