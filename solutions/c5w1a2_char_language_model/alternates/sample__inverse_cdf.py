# Alternate: draws by inverting the cumulative distribution (what np.random.choice does inside:
# one uniform number per draw), one-hot rows of np.eye, and a for loop with break.
import numpy as np
def sample(parameters, char_to_ix, seed):
    vocab_size = parameters["by"].shape[0]
    n_a = parameters["Waa"].shape[0]
    eye = np.eye(vocab_size)
    newline = char_to_ix["\n"]
    x = np.zeros((vocab_size, 1))
    a = np.zeros((n_a, 1))
    indices = []
    for counter in range(50):
        a = np.tanh(parameters["Wax"] @ x + parameters["Waa"] @ a + parameters["b"])
        z = parameters["Wya"] @ a + parameters["by"]
        p = np.exp(z - z.max()).ravel()
        p /= p.sum()
        np.random.seed(seed + counter)
        cdf = np.cumsum(p)
        cdf /= cdf[-1]
        idx = int(np.searchsorted(cdf, np.random.random_sample(), side="right"))
        indices.append(idx)
        if idx == newline:
            return indices
        x = eye[:, [idx]]
    return indices + [newline]
