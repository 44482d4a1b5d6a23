# Mistake: forgot a_prev = a, so every step starts again from the zero hidden state.
import numpy as np
from utils.char_rnn import softmax
def sample(parameters, char_to_ix, seed):
    Waa, Wax, Wya, by, b = (parameters["Waa"], parameters["Wax"], parameters["Wya"],
                            parameters["by"], parameters["b"])
    vocab_size = by.shape[0]
    n_a = Waa.shape[1]
    newline_character = char_to_ix["\n"]
    x = np.zeros((vocab_size, 1))
    a_prev = np.zeros((n_a, 1))
    indices = []
    idx = -1
    counter = 0
    while idx != newline_character and counter != 50:
        a = np.tanh(Wax @ x + Waa @ a_prev + b)
        y = softmax(Wya @ a + by)
        np.random.seed(seed + counter)
        idx = np.random.choice(vocab_size, p=y.ravel())
        indices.append(idx)
        x = np.zeros((vocab_size, 1))
        x[idx] = 1
        counter += 1
    if idx != newline_character:       # 50 characters drawn, no newline among them
        indices.append(newline_character)
    return indices
