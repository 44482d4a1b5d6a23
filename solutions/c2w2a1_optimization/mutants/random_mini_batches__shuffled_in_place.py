# Mistake: shuffled the caller's X and Y in place (np.random.shuffle on their transposes, with the
# same random state), instead of one permutation applied to copies.
def random_mini_batches(X, Y, mini_batch_size=64, seed=0):
    m = X.shape[1]
    mini_batches = []
    np.random.seed(seed)
    np.random.shuffle(X.T)
    np.random.seed(seed)
    np.random.shuffle(Y.T)
    num_complete_minibatches = math.floor(m / mini_batch_size)
    for k in range(num_complete_minibatches):
        mini_batches.append((X[:, k * mini_batch_size:(k + 1) * mini_batch_size],
                             Y[:, k * mini_batch_size:(k + 1) * mini_batch_size]))
    if m % mini_batch_size != 0:
        mini_batches.append((X[:, num_complete_minibatches * mini_batch_size:],
                             Y[:, num_complete_minibatches * mini_batch_size:]))
    return mini_batches
