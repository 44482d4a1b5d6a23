# Mistake: idx = j without the modulo: the loop runs out of names after one pass.
import numpy as np
from utils.char_rnn import get_initial_loss, indices_to_text, initialize_parameters, smooth
def model(data_x, ix_to_char, char_to_ix, num_iterations=30000, n_a=50, sample_names=7,
          vocab_size=27, verbose=False, print_every=2000):
    parameters = initialize_parameters(n_a, vocab_size, vocab_size)
    loss = get_initial_loss(vocab_size, sample_names)
    examples = [x.strip() for x in data_x]
    np.random.seed(0)
    np.random.shuffle(examples)
    a_prev = np.zeros((n_a, 1))
    losses = []
    for j in range(num_iterations):
        idx = j
        X = [None] + [char_to_ix[ch] for ch in examples[idx]]
        Y = X[1:] + [char_to_ix["\n"]]
        curr_loss, gradients, a_prev, parameters = optimize(X, Y, a_prev, parameters, 0.01)
        loss = smooth(loss, curr_loss)
        losses.append(float(loss))
        if verbose and j % print_every == 0:
            print(f"Iteration {j}, loss {loss:.4f}")
            for k in range(sample_names):
                print("   ", indices_to_text(sample(parameters, char_to_ix, 100 * k), ix_to_char))
    return parameters, losses
