# Correct: computes every sentence's average once, before the passes, and uses np.eye for one-hot.
import numpy as np
def model(X, Y, word_to_vec_map, learning_rate=0.01, num_iterations=400):
    np.random.seed(1)
    n_h = len(next(iter(word_to_vec_map.values())))
    W = np.random.randn(5, n_h) / np.sqrt(n_h)
    b = np.zeros(5)
    avgs = [sentence_to_avg(s, word_to_vec_map) for s in X]
    onehots = np.eye(5)[np.asarray(Y, dtype=int)]
    for t in range(num_iterations):
        for avg, y in zip(avgs, onehots):
            z = W.dot(avg) + b
            a = np.exp(z - z.max())
            a = a / a.sum()
            cost = -np.log(a[np.argmax(y)])
            W = W - learning_rate * (a - y)[:, None] * avg[None, :]
            b = b - learning_rate * (a - y)
        if t % 100 == 0:
            print(f"Epoch: {t} --- cost = {cost:.6f}")
    return W, b
