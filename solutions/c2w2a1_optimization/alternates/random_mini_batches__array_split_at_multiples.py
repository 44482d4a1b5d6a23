# Correct, written differently: shuffle with np.take, then np.split at the multiples of the size.
def random_mini_batches(X, Y, mini_batch_size=64, seed=0):
    np.random.seed(seed)
    m = X.shape[1]
    permutation = np.random.permutation(m)
    shuffled_X = np.take(X, permutation, axis=1)
    shuffled_Y = np.take(Y, permutation, axis=1)
    cuts = list(range(mini_batch_size, m, mini_batch_size))
    return list(zip(np.split(shuffled_X, cuts, axis=1), np.split(shuffled_Y, cuts, axis=1)))
