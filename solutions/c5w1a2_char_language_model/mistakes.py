"""Known mistakes in c5w1a2_char_language_model: read by autograder/mistakes.py (see CONTRIBUTING.md, "Mistakes").

Plain data, never executed.  Each patch is a list of (old, new) replacements applied in order to
the solution cell's source; the self-test proves that every mistake loses points.
"""

MISTAKES = [
    {"cell": "clip", "name": "fixed_threshold_5",
     "says": "clipped to the number 5 written in the code instead of to maxValue", "hint": None,
     "patch": [("    clipped = {}\n"
                '    for key in ["dWaa", "dWax", "dWya", "db", "dby"]:\n'
                "        clipped[key] = np.clip(gradients[key], -maxValue, maxValue)\n"
                "    ### END SOLUTION\n"
                "    return clipped",
                '    return {key: np.clip(gradients[key], -5, 5) for key in ["dWaa", "dWax", "dWya", "db", "dby"]}')]},
    {"cell": "clip", "name": "in_place",
     "says": "clipped the caller's arrays in place with np.clip(..., out=...) and returned them",
     "hint": None,
     "patch": [("    clipped = {}\n",
                ""),
               ("        clipped[key] = np.clip(gradients[key], -maxValue, maxValue)\n"
                "    ### END SOLUTION\n"
                "    return clipped",
                "        np.clip(gradients[key], -maxValue, maxValue, out=gradients[key])\n"
                '    return {key: gradients[key] for key in ["dWaa", "dWax", "dWya", "db", "dby"]}')]},
    {"cell": "clip", "name": "lower_bound_zero",
     "says": "clipped to [0, maxValue], which also wipes out every negative gradient entry",
     "hint": None,
     "patch": [("    clipped = {}\n"
                '    for key in ["dWaa", "dWax", "dWya", "db", "dby"]:\n'
                "        clipped[key] = np.clip(gradients[key], -maxValue, maxValue)\n"
                "    ### END SOLUTION\n"
                "    return clipped",
                '    return {key: np.clip(gradients[key], 0, maxValue) for key in ["dWaa", "dWax", "dWya", "db", "dby"]}')]},
    {"cell": "clip", "name": "result_discarded",
     "says": "called np.clip without keeping its result (np.clip returns a copy), so nothing is clipped",
     "hint": None,
     "patch": [("        clipped[key] = np.clip(gradients[key], -maxValue, maxValue)\n",
                "        g = gradients[key].copy()\n"
                "        np.clip(g, -maxValue, maxValue)\n"
                "        clipped[key] = g\n")]},
    {"cell": "clip", "name": "weights_only",
     "says": "clipped only the weight matrices and left the bias gradients db and dby unclipped",
     "hint": None,
     "patch": [("    clipped = {}\n"
                '    for key in ["dWaa", "dWax", "dWya", "db", "dby"]:\n'
                "        clipped[key] = np.clip(gradients[key], -maxValue, maxValue)\n",
                "    clipped = {key: np.clip(gradients[key], -maxValue, maxValue)\n"
                '               for key in ["dWaa", "dWax", "dWya"]}\n'
                '    clipped["db"] = gradients["db"].copy()\n'
                '    clipped["dby"] = gradients["dby"].copy()\n')]},
    {"cell": "model", "name": "no_leading_none",
     "says": "X without the leading None: the first letter is never predicted, and Y repeats X shifted",
     "hint": None,
     "patch": [("        X = [None] + [char_to_ix[ch] for ch in examples[idx]]\n",
                "        X = [char_to_ix[ch] for ch in examples[idx]]\n"),
               ("        curr_loss, gradients, a_prev, parameters = optimize(X, Y, a_prev, parameters,\n"
                "                                                            learning_rate=0.01)\n",
                "        curr_loss, gradients, a_prev, parameters = optimize(X, Y, a_prev, parameters, 0.01)\n"),
               ("                sampled_indices = sample(parameters, char_to_ix, 100 * k)\n"
                '                print("   ", indices_to_text(sampled_indices, ix_to_char))\n',
                '                print("   ", indices_to_text(sample(parameters, char_to_ix, 100 * k), ix_to_char))\n')]},
    {"cell": "model", "name": "no_modulo",
     "says": "idx = j without the modulo: the loop runs out of names after one pass", "hint": None,
     "patch": [("        idx = j % len(examples)\n",
                "        idx = j\n"),
               ("        curr_loss, gradients, a_prev, parameters = optimize(X, Y, a_prev, parameters,\n"
                "                                                            learning_rate=0.01)\n",
                "        curr_loss, gradients, a_prev, parameters = optimize(X, Y, a_prev, parameters, 0.01)\n"),
               ("                sampled_indices = sample(parameters, char_to_ix, 100 * k)\n"
                '                print("   ", indices_to_text(sampled_indices, ix_to_char))\n',
                '                print("   ", indices_to_text(sample(parameters, char_to_ix, 100 * k), ix_to_char))\n')]},
    {"cell": "model", "name": "parameters_not_kept",
     "says": "discarded the new parameters that optimize returns, so the model never learns",
     "hint": None,
     "patch": [("        curr_loss, gradients, a_prev, parameters = optimize(X, Y, a_prev, parameters,\n"
                "                                                            learning_rate=0.01)\n",
                "        curr_loss, gradients, a_prev, _ = optimize(X, Y, a_prev, parameters, 0.01)\n"),
               ("                sampled_indices = sample(parameters, char_to_ix, 100 * k)\n"
                '                print("   ", indices_to_text(sampled_indices, ix_to_char))\n',
                '                print("   ", indices_to_text(sample(parameters, char_to_ix, 100 * k), ix_to_char))\n')]},
    {"cell": "model", "name": "state_reset_every_name",
     "says": "started every name from the zero hidden state instead of the a_prev the last step returned",
     "hint": None,
     "patch": [("        curr_loss, gradients, a_prev, parameters = optimize(X, Y, a_prev, parameters,\n"
                "                                                            learning_rate=0.01)\n",
                "        curr_loss, gradients, _, parameters = optimize(X, Y, np.zeros((n_a, 1)), parameters, 0.01)\n"),
               ("                sampled_indices = sample(parameters, char_to_ix, 100 * k)\n"
                '                print("   ", indices_to_text(sampled_indices, ix_to_char))\n',
                '                print("   ", indices_to_text(sample(parameters, char_to_ix, 100 * k), ix_to_char))\n')]},
    {"cell": "model", "name": "target_not_shifted",
     "says": "Y = X with the None replaced by the first letter: the target is the current character, not the next one",
     "hint": None,
     "patch": [('        Y = X[1:] + [char_to_ix["\\n"]]\n'
                "        curr_loss, gradients, a_prev, parameters = optimize(X, Y, a_prev, parameters,\n"
                "                                                            learning_rate=0.01)\n",
                '        Y = [char_to_ix[ch] for ch in examples[idx]] + [char_to_ix["\\n"]]\n'
                "        Y = [Y[0]] + Y[:-1]\n"
                "        curr_loss, gradients, a_prev, parameters = optimize(X, Y, a_prev, parameters, 0.01)\n"),
               ("                sampled_indices = sample(parameters, char_to_ix, 100 * k)\n"
                '                print("   ", indices_to_text(sampled_indices, ix_to_char))\n',
                '                print("   ", indices_to_text(sample(parameters, char_to_ix, 100 * k), ix_to_char))\n')]},
    {"cell": "optimize", "name": "clip_value_maxvalue_10",
     "says": "clipped to [-10, 10] instead of [-5, 5]", "hint": None,
     "patch": [("    gradients = clip(gradients, 5)\n",
                "    gradients = clip(gradients, 10)\n"),
               ("    a_last = a[len(X) - 1]\n"
                "    ### END SOLUTION\n"
                "    return loss, gradients, a_last, new_parameters",
                "    return loss, gradients, a[len(X) - 1], new_parameters")]},
    {"cell": "optimize", "name": "clipped_after_update",
     "says": "clipped the gradients only after the update, so the step used the unclipped ones",
     "hint": None,
     "patch": [("    gradients = clip(gradients, 5)\n",
                "    new_parameters = update_parameters(parameters, gradients, learning_rate)\n"
                "    gradients = clip(gradients, 5)\n"),
               ("    new_parameters = update_parameters(parameters, gradients, learning_rate)\n"
                "    a_last = a[len(X) - 1]\n"
                "    ### END SOLUTION\n"
                "    return loss, gradients, a_last, new_parameters",
                "    return loss, gradients, a[len(X) - 1], new_parameters")]},
    {"cell": "optimize", "name": "gradient_ascent",
     "says": "wrong sign of the learning rate: the step goes uphill (W + alpha dW)", "hint": None,
     "patch": [("    new_parameters = update_parameters(parameters, gradients, learning_rate)\n"
                "    a_last = a[len(X) - 1]\n"
                "    ### END SOLUTION\n"
                "    return loss, gradients, a_last, new_parameters",
                "    new_parameters = update_parameters(parameters, gradients, -learning_rate)\n"
                "    return loss, gradients, a[len(X) - 1], new_parameters")]},
    {"cell": "optimize", "name": "in_place_update",
     "says": "updated the caller's parameters in place with -= and returned the caller's dict",
     "hint": None,
     "patch": [("    new_parameters = update_parameters(parameters, gradients, learning_rate)\n"
                "    a_last = a[len(X) - 1]\n"
                "    ### END SOLUTION\n"
                "    return loss, gradients, a_last, new_parameters",
                '    for key in ["Wax", "Waa", "Wya", "b", "by"]:\n'
                '        parameters[key] -= learning_rate * gradients["d" + key]\n'
                "    return loss, gradients, a[len(X) - 1], parameters")]},
    {"cell": "optimize", "name": "no_clipping",
     "says": "forgot to clip the gradients before the update", "hint": None,
     "patch": [("    gradients = clip(gradients, 5)\n",
                ""),
               ("    a_last = a[len(X) - 1]\n"
                "    ### END SOLUTION\n"
                "    return loss, gradients, a_last, new_parameters",
                "    return loss, gradients, a[len(X) - 1], new_parameters")]},
    {"cell": "optimize", "name": "returns_first_state",
     "says": "returned the first hidden state a[0] instead of the last one a[len(X) - 1]",
     "hint": None,
     "patch": [("    a_last = a[len(X) - 1]\n"
                "    ### END SOLUTION\n"
                "    return loss, gradients, a_last, new_parameters",
                "    return loss, gradients, a[0], new_parameters")]},
    {"cell": "sample", "name": "argmax",
     "says": "took the most likely character (np.argmax) instead of drawing it with np.random.choice",
     "hint": None,
     "patch": [("        a = np.tanh(np.dot(Wax, x) + np.dot(Waa, a_prev) + b)\n"
                "        y = softmax(np.dot(Wya, a) + by)\n",
                "        a = np.tanh(Wax @ x + Waa @ a_prev + b)\n"
                "        y = softmax(Wya @ a + by)\n"),
               ("        idx = np.random.choice(vocab_size, p=y.ravel())\n",
                "        idx = int(np.argmax(y))\n")]},
    {"cell": "sample", "name": "no_stop_at_newline",
     "says": "the loop ignores the newline and always draws 50 characters", "hint": None,
     "patch": [("    while idx != newline_character and counter != 50:\n"
                "        # Step 2: a = tanh(Wax x + Waa a_prev + b), y = softmax(Wya a + by), shapes (n_a, 1)\n"
                "        #         and (vocab_size, 1)\n"
                "        # Step 3: np.random.seed(seed + counter), then draw idx with np.random.choice over\n"
                "        #         range(vocab_size) with probabilities y.ravel(); append it to indices\n"
                "        # Step 4: x becomes the one-hot vector of idx, a_prev becomes a, counter grows by 1\n"
                "        ### BEGIN SOLUTION\n"
                "        a = np.tanh(np.dot(Wax, x) + np.dot(Waa, a_prev) + b)\n"
                "        y = softmax(np.dot(Wya, a) + by)\n",
                "    while counter != 50:\n"
                "        a = np.tanh(Wax @ x + Waa @ a_prev + b)\n"
                "        y = softmax(Wya @ a + by)\n")]},
    {"cell": "sample", "name": "seed_after_draw",
     "says": "seeded after drawing, so each draw uses the previous character's seed (and the first is unseeded)",
     "hint": None,
     "patch": [("        a = np.tanh(np.dot(Wax, x) + np.dot(Waa, a_prev) + b)\n"
                "        y = softmax(np.dot(Wya, a) + by)\n",
                "        a = np.tanh(Wax @ x + Waa @ a_prev + b)\n"
                "        y = softmax(Wya @ a + by)\n"
                "        idx = np.random.choice(vocab_size, p=y.ravel())\n"),
               ("        np.random.seed(seed + counter)\n"
                "        idx = np.random.choice(vocab_size, p=y.ravel())\n",
                "        np.random.seed(seed + counter)\n")]},
    {"cell": "sample", "name": "seed_not_incremented",
     "says": "seeded with np.random.seed(seed) before every draw instead of np.random.seed(seed + counter)",
     "hint": None,
     "patch": [("        a = np.tanh(np.dot(Wax, x) + np.dot(Waa, a_prev) + b)\n"
                "        y = softmax(np.dot(Wya, a) + by)\n"
                "        np.random.seed(seed + counter)\n",
                "        a = np.tanh(Wax @ x + Waa @ a_prev + b)\n"
                "        y = softmax(Wya @ a + by)\n"
                "        np.random.seed(seed)\n")]},
    {"cell": "sample", "name": "state_not_carried",
     "says": "forgot a_prev = a, so every step starts again from the zero hidden state",
     "hint": None,
     "patch": [("        a = np.tanh(np.dot(Wax, x) + np.dot(Waa, a_prev) + b)\n"
                "        y = softmax(np.dot(Wya, a) + by)\n",
                "        a = np.tanh(Wax @ x + Waa @ a_prev + b)\n"
                "        y = softmax(Wya @ a + by)\n"),
               ("        a_prev = a\n",
                "")]},
    {"cell": "sample", "name": "x_not_updated",
     "says": "forgot to make x the one-hot vector of the drawn character: every step reads the zero input",
     "hint": None,
     "patch": [("        a = np.tanh(np.dot(Wax, x) + np.dot(Waa, a_prev) + b)\n"
                "        y = softmax(np.dot(Wya, a) + by)\n",
                "        a = np.tanh(Wax @ x + Waa @ a_prev + b)\n"
                "        y = softmax(Wya @ a + by)\n"),
               ("        x = np.zeros((vocab_size, 1))\n"
                "        x[idx] = 1\n",
                "")]},
]
