# Mistake: np.squeeze on each hidden activation, harmless with many examples (and wide layers):
# with m = 1 a layer passes on (n,) instead of (n, 1), and the next layer's cache holds it.
import numpy as np
def L_model_forward(X, parameters):
    caches = []
    A = X
    L = len(parameters) // 2
    for l in range(1, L):
        A, cache = linear_activation_forward(A, parameters["W" + str(l)],
                                             parameters["b" + str(l)], activation="relu")
        A = np.squeeze(A)
        caches.append(cache)
    AL, cache = linear_activation_forward(A, parameters["W" + str(L)],
                                          parameters["b" + str(L)], activation="sigmoid")
    caches.append(cache)
    return AL, caches
