# Correct: the indices as NumPy int64 scalars (np.random.choice over an array of the
# indices draws the same index as over range(vocab_size), and returns a NumPy integer).
def sample(parameters, char_to_ix, seed):
    Waa, Wax, Wya, by, b = (parameters["Waa"], parameters["Wax"], parameters["Wya"],
                            parameters["by"], parameters["b"])
    vocab_size = by.shape[0]
    n_a = Waa.shape[1]
    newline_character = char_to_ix["\n"]

    # Step 1: the first input x (vocab_size, 1) and the initial state a_prev (n_a, 1): zeros
    x = np.zeros((vocab_size, 1))
    a_prev = np.zeros((n_a, 1))

    indices = []        # the drawn indices
    idx = -1            # the last drawn index (none yet)
    counter = 0         # how many characters have been drawn
    while idx != newline_character and counter != 50:
        # Step 2: a = tanh(Wax x + Waa a_prev + b), y = softmax(Wya a + by), shapes (n_a, 1)
        #         and (vocab_size, 1)
        # Step 3: np.random.seed(seed + counter), then draw idx with np.random.choice over
        #         range(vocab_size) with probabilities y.ravel(); append it to indices
        # Step 4: x becomes the one-hot vector of idx, a_prev becomes a, counter grows by 1
        a = np.tanh(np.dot(Wax, x) + np.dot(Waa, a_prev) + b)
        y = softmax(np.dot(Wya, a) + by)
        np.random.seed(seed + counter)
        idx = np.random.choice(np.arange(vocab_size), p=y.ravel())   # a NumPy int64
        indices.append(idx)
        x = np.zeros((vocab_size, 1))
        x[idx] = 1
        a_prev = a
        counter += 1

    if idx != newline_character:       # 50 characters drawn, no newline among them
        indices.append(newline_character)
    return indices
