# Correct, written differently: index the columns by slices of the permutation, stepping through
# range(0, m, mini_batch_size); the last slice is automatically the smaller remainder.
def random_mini_batches(X, Y, mini_batch_size=64, seed=0):
    np.random.seed(seed)
    m = X.shape[1]
    permutation = np.random.permutation(m)
    return [(X[:, permutation[start:start + mini_batch_size]],
             Y[:, permutation[start:start + mini_batch_size]])
            for start in range(0, m, mini_batch_size)]
