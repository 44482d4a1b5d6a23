# Mistake: the masks themselves are divided by keep_prob (the activations come out right, but the
# cache holds D = 0 or 1/keep_prob instead of the 0/1 masks the backward pass expects).
import numpy as np

def forward_propagation_with_dropout(X, parameters, keep_prob=0.5, seed=1):
    """Forward pass LINEAR -> RELU + DROPOUT -> LINEAR -> RELU + DROPOUT -> LINEAR -> SIGMOID.

    Arguments:
    X -- input data, shape (n_x, m)
    parameters -- dict with "W1" (n1, n_x), "b1" (n1, 1), "W2" (n2, n1), "b2" (n2, 1),
                  "W3" (1, n2), "b3" (1, 1)
    keep_prob -- probability of keeping a hidden unit, a number in (0, 1]
    seed -- seed of NumPy's random generator: np.random.seed(seed) is called first, then
            D1 = np.random.rand(n1, m) < keep_prob is drawn,
            then D2 = np.random.rand(n2, m) < keep_prob

    Returns:
    A3 -- output of the network (probabilities), shape (1, m)
    cache -- (Z1, D1, A1, W1, b1, Z2, D2, A2, W2, b2, Z3, A3, W3, b3), where D1 (n1, m) and
             D2 (n2, m) are the masks (booleans or 0/1), and A1, A2 the activations after
             dropout: A[l] = relu(Z[l]) * D[l] / keep_prob
    """
    np.random.seed(seed)   # keep this line first: the tests expect these random numbers
    W1 = parameters["W1"]
    b1 = parameters["b1"]
    W2 = parameters["W2"]
    b2 = parameters["b2"]
    W3 = parameters["W3"]
    b3 = parameters["b3"]

    Z1 = np.dot(W1, X) + b1
    A1, _ = relu(Z1)
    # dropout on layer 1: D1 (same shape as A1), then A1 masked and scaled
    D1 = np.random.rand(A1.shape[0], A1.shape[1])
    D1 = (D1 < keep_prob) / keep_prob
    A1 = A1 * D1
    Z2 = np.dot(W2, A1) + b2
    A2, _ = relu(Z2)
    # dropout on layer 2: D2 (same shape as A2), then A2 masked and scaled
    D2 = np.random.rand(A2.shape[0], A2.shape[1])
    D2 = (D2 < keep_prob) / keep_prob
    A2 = A2 * D2
    Z3 = np.dot(W3, A2) + b3
    A3, _ = sigmoid(Z3)

    cache = (Z1, D1, A1, W1, b1, Z2, D2, A2, W2, b2, Z3, A3, W3, b3)
    return A3, cache