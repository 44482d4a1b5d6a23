# Correct: the smoothed losses as NumPy float64 scalars (numbers) in the list.
def model(data_x, ix_to_char, char_to_ix, num_iterations=30000, n_a=50, sample_names=7,
          vocab_size=27, verbose=False, print_every=2000):
    parameters = initialize_parameters(n_a, vocab_size, vocab_size)
    loss = get_initial_loss(vocab_size, sample_names)
    examples = [x.strip() for x in data_x]
    np.random.seed(0)
    np.random.shuffle(examples)            # one fixed order of the names
    a_prev = np.zeros((n_a, 1))
    losses = []

    for j in range(num_iterations):
        # Step 1: the name of iteration j (index j % len(examples)), its X and Y
        # Step 2: curr_loss, gradients, a_prev, parameters = one step of optimize, from a_prev,
        #         learning rate 0.01
        idx = j % len(examples)
        X = [None] + [char_to_ix[ch] for ch in examples[idx]]
        Y = X[1:] + [char_to_ix["\n"]]
        curr_loss, gradients, a_prev, parameters = optimize(X, Y, a_prev, parameters,
                                                            learning_rate=0.01)
        loss = smooth(loss, curr_loss)
        losses.append(np.float64(loss))

        if verbose and j % print_every == 0:
            print(f"Iteration {j}, loss {loss:.4f}")
            for k in range(sample_names):
                sampled_indices = sample(parameters, char_to_ix, 100 * k)
                print("   ", indices_to_text(sampled_indices, ix_to_char))
    return parameters, losses
