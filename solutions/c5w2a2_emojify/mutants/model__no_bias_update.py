# Mistake: updates W but forgets to update b.
import numpy as np
def model(X, Y, word_to_vec_map, learning_rate=0.01, num_iterations=400):
    np.random.seed(1)
    any_word = next(iter(word_to_vec_map))
    m = len(X)
    n_y = 5
    n_h = word_to_vec_map[any_word].shape[0]
    W = np.random.randn(n_y, n_h) / np.sqrt(n_h)
    b = np.zeros((n_y,))
    Y_oh = convert_to_one_hot(Y, C=n_y)
    for t in range(num_iterations):
        for i in range(m):
            avg = sentence_to_avg(X[i], word_to_vec_map)
            a = softmax(W @ avg + b)
            cost = -np.sum(Y_oh[i] * np.log(a))
            dz = a - Y_oh[i]
            W = W - learning_rate * np.outer(dz, avg)
        if t % 100 == 0:
            print(f"Epoch: {t} --- cost = {cost:.6f}")
    return W, b
