# Correct, written differently: integer 0/1 masks (astype(int)), np.maximum for the ReLU and
# np.where for the masking and scaling.
def forward_propagation_with_dropout(X, parameters, keep_prob=0.5, seed=1):
    np.random.seed(seed)
    W1, b1, W2, b2, W3, b3 = (parameters[k] for k in ("W1", "b1", "W2", "b2", "W3", "b3"))
    Z1 = W1 @ X + b1
    D1 = (np.random.rand(*Z1.shape) < keep_prob).astype(int)
    A1 = np.where(D1 == 1, np.maximum(Z1, 0) / keep_prob, 0.0)
    Z2 = W2 @ A1 + b2
    D2 = (np.random.rand(*Z2.shape) < keep_prob).astype(int)
    A2 = np.where(D2 == 1, np.maximum(Z2, 0) / keep_prob, 0.0)
    Z3 = W3 @ A2 + b3
    A3, _ = sigmoid(Z3)
    return A3, (Z1, D1, A1, W1, b1, Z2, D2, A2, W2, b2, Z3, A3, W3, b3)
