# Subtracting each row's maximum does not change the softmax and avoids overflow.
def softmax(x):
    shifted = x - np.max(x, axis=1, keepdims=True)
    e = np.exp(shifted)
    return e / e.sum(axis=1)[:, None]
