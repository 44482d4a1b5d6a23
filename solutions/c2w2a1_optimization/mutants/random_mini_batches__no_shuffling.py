# Mistake: partitioned the data in its original order, without shuffling.
def random_mini_batches(X, Y, mini_batch_size=64, seed=0):
    np.random.seed(seed)
    m = X.shape[1]
    mini_batches = []
    num_complete_minibatches = math.floor(m / mini_batch_size)
    for k in range(num_complete_minibatches):
        mini_batches.append((X[:, k * mini_batch_size:(k + 1) * mini_batch_size],
                             Y[:, k * mini_batch_size:(k + 1) * mini_batch_size]))
    if m % mini_batch_size != 0:
        mini_batches.append((X[:, num_complete_minibatches * mini_batch_size:],
                             Y[:, num_complete_minibatches * mini_batch_size:]))
    return mini_batches
