# Mistake: never computes cost, which the loop prints every 100 passes (NameError).
import numpy as np

def model(X, Y, word_to_vec_map, learning_rate=0.01, num_iterations=400):
    """Train Emojifier-V1 (softmax regression on sentence averages) with SGD.

    Arguments:
    X -- list of m sentences (str)
    Y -- np.ndarray of shape (m,), integer labels in 0..4
    word_to_vec_map -- dict word -> np.ndarray (n_h,)
    learning_rate -- alpha, the SGD step size
    num_iterations -- number of passes over the training set

    Returns:
    W -- np.ndarray (5, n_h), the trained weights
    b -- np.ndarray (5,), the trained biases
    """
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
            z = W @ avg + b
            a = softmax(z)
            dz = a - Y_oh[i]
            dW = np.outer(dz, avg)
            db = dz
            W = W - learning_rate * dW
            b = b - learning_rate * db
        if t % 100 == 0:
            print(f"Epoch: {t} --- cost = {cost:.6f}")
    return W, b