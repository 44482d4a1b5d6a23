# Mistake (or an attack): the loss computed with NumPy, returned in an object that has
# .numpy() and .backward() like a Tensor but carries no gradient to the logits.
class _LooksLikeATensor:
    def __init__(self, value):
        self.value = value

    def numpy(self):
        return self.value

    def item(self):
        return float(self.value)

    def backward(self, grad=None):
        pass


def compute_total_loss(logits, labels):
    z = np.asarray(getattr(logits, "data", logits), dtype=np.float64)
    z = z - z.max(axis=0, keepdims=True)
    log_p = z - np.log(np.exp(z).sum(axis=0, keepdims=True))
    return _LooksLikeATensor(np.float32(-(labels * log_p).sum()))
