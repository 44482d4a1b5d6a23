# Mistake (or an attack): the values computed with NumPy, returned in an object that has
# .numpy() and .backward() like a Tensor but carries no gradient to the parameters.
class _LooksLikeATensor:
    def __init__(self, value):
        self.value = value

    def numpy(self):
        return self.value

    def backward(self, grad=None):
        pass


def forward_propagation(X, parameters):
    data = {k: np.asarray(getattr(v, "data", v)) for k, v in parameters.items()}
    X = np.asarray(getattr(X, "data", X))
    A1 = np.maximum(data["W1"] @ X + data["b1"], 0)
    A2 = np.maximum(data["W2"] @ A1 + data["b2"], 0)
    return _LooksLikeATensor(data["W3"] @ A2 + data["b3"])
