"""Known mistakes in c2w2a1_optimization: read by autograder/mistakes.py (see CONTRIBUTING.md, "Mistakes").

Plain data, never executed.  Each patch is a list of (old, new) replacements applied in order to
the solution cell's source; the self-test proves that every mistake loses points.
"""

MISTAKES = [
    {"cell": "initialize_adam", "name": "keys_without_d",
     "says": 'keyed v and s like the parameters ("W1") instead of like the gradients ("dW1")',
     "hint": None,
     "patch": [('        v["dW" + str(l)] = np.zeros(parameters["W" + str(l)].shape)\n'
                '        v["db" + str(l)] = np.zeros(parameters["b" + str(l)].shape)\n'
                '        s["dW" + str(l)] = np.zeros(parameters["W" + str(l)].shape)\n'
                '        s["db" + str(l)] = np.zeros(parameters["b" + str(l)].shape)\n',
                '        for name in ("W", "b"):\n'
                "            v[name + str(l)] = np.zeros(parameters[name + str(l)].shape)\n"
                "            s[name + str(l)] = np.zeros(parameters[name + str(l)].shape)\n")]},
    {"cell": "initialize_adam", "name": "last_layer_skipped",
     "says": "looped over range(1, L), so the last layer has no moving averages", "hint": None,
     "patch": [("    for l in range(1, L + 1):\n"
                "        ### BEGIN SOLUTION\n"
                '        v["dW" + str(l)] = np.zeros(parameters["W" + str(l)].shape)\n'
                '        v["db" + str(l)] = np.zeros(parameters["b" + str(l)].shape)\n'
                '        s["dW" + str(l)] = np.zeros(parameters["W" + str(l)].shape)\n'
                '        s["db" + str(l)] = np.zeros(parameters["b" + str(l)].shape)\n',
                "    for l in range(1, L):\n"
                '        for name in ("W", "b"):\n'
                '            v["d" + name + str(l)] = np.zeros(parameters[name + str(l)].shape)\n'
                '            s["d" + name + str(l)] = np.zeros(parameters[name + str(l)].shape)\n')]},
    {"cell": "initialize_adam", "name": "shapes_of_layer_1",
     "says": 'used the shapes of layer 1 for every layer (a hard-coded "1" left in the key)',
     "hint": None,
     "patch": [('        v["dW" + str(l)] = np.zeros(parameters["W" + str(l)].shape)\n'
                '        v["db" + str(l)] = np.zeros(parameters["b" + str(l)].shape)\n'
                '        s["dW" + str(l)] = np.zeros(parameters["W" + str(l)].shape)\n'
                '        s["db" + str(l)] = np.zeros(parameters["b" + str(l)].shape)\n',
                '        v["dW" + str(l)] = np.zeros(parameters["W1"].shape)\n'
                '        v["db" + str(l)] = np.zeros(parameters["b1"].shape)\n'
                '        s["dW" + str(l)] = np.zeros(parameters["W1"].shape)\n'
                '        s["db" + str(l)] = np.zeros(parameters["b1"].shape)\n')]},
    {"cell": "initialize_velocity", "name": "db_shaped_like_W",
     "says": 'copy-pasted the W line for b, so v["db"] has the shape of W', "hint": None,
     "patch": [('        v["db" + str(l)] = np.zeros(parameters["b" + str(l)].shape)\n',
                '        v["db" + str(l)] = np.zeros(parameters["W" + str(l)].shape)\n')]},
    {"cell": "initialize_velocity", "name": "keys_without_d",
     "says": 'keyed the velocity like the parameters ("W1") instead of like the gradients ("dW1")',
     "hint": None,
     "patch": [('        v["dW" + str(l)] = np.zeros(parameters["W" + str(l)].shape)\n'
                '        v["db" + str(l)] = np.zeros(parameters["b" + str(l)].shape)\n',
                '        v["W" + str(l)] = np.zeros(parameters["W" + str(l)].shape)\n'
                '        v["b" + str(l)] = np.zeros(parameters["b" + str(l)].shape)\n')]},
    {"cell": "initialize_velocity", "name": "last_layer_skipped",
     "says": "looped over range(1, L), so the last layer has no velocity", "hint": None,
     "patch": [("    for l in range(1, L + 1):\n",
                "    for l in range(1, L):\n")]},
    {"cell": "random_mini_batches", "name": "last_batch_dropped",
     "says": "kept only the full mini-batches and dropped the last, smaller one", "hint": None,
     "patch": [("        mini_batch_X = shuffled_X[:, k * mini_batch_size:(k + 1) * mini_batch_size]\n"
                "        mini_batch_Y = shuffled_Y[:, k * mini_batch_size:(k + 1) * mini_batch_size]\n"
                "        mini_batches.append((mini_batch_X, mini_batch_Y))\n"
                "    if m % mini_batch_size != 0:\n"
                "        mini_batch_X = shuffled_X[:, num_complete_minibatches * mini_batch_size:]\n"
                "        mini_batch_Y = shuffled_Y[:, num_complete_minibatches * mini_batch_size:]\n"
                "        mini_batches.append((mini_batch_X, mini_batch_Y))\n",
                "        mini_batches.append((shuffled_X[:, k * mini_batch_size:(k + 1) * mini_batch_size],\n"
                "                             shuffled_Y[:, k * mini_batch_size:(k + 1) * mini_batch_size]))\n")]},
    {"cell": "random_mini_batches", "name": "last_batch_overlaps",
     "says": "the last mini-batch takes the last mini_batch_size columns, overlapping the previous one",
     "hint": None,
     "patch": [("        mini_batch_X = shuffled_X[:, k * mini_batch_size:(k + 1) * mini_batch_size]\n"
                "        mini_batch_Y = shuffled_Y[:, k * mini_batch_size:(k + 1) * mini_batch_size]\n"
                "        mini_batches.append((mini_batch_X, mini_batch_Y))\n",
                "        mini_batches.append((shuffled_X[:, k * mini_batch_size:(k + 1) * mini_batch_size],\n"
                "                             shuffled_Y[:, k * mini_batch_size:(k + 1) * mini_batch_size]))\n"),
               ("        mini_batch_X = shuffled_X[:, num_complete_minibatches * mini_batch_size:]\n"
                "        mini_batch_Y = shuffled_Y[:, num_complete_minibatches * mini_batch_size:]\n"
                "        mini_batches.append((mini_batch_X, mini_batch_Y))\n",
                "        mini_batches.append((shuffled_X[:, -mini_batch_size:], shuffled_Y[:, -mini_batch_size:]))\n")]},
    {"cell": "random_mini_batches", "name": "no_shuffling",
     "says": "partitioned the data in its original order, without shuffling", "hint": None,
     "patch": [("    permutation = list(np.random.permutation(m))\n"
                "    shuffled_X = X[:, permutation]\n"
                "    shuffled_Y = Y[:, permutation]\n",
                ""),
               ("        mini_batch_X = shuffled_X[:, k * mini_batch_size:(k + 1) * mini_batch_size]\n"
                "        mini_batch_Y = shuffled_Y[:, k * mini_batch_size:(k + 1) * mini_batch_size]\n"
                "        mini_batches.append((mini_batch_X, mini_batch_Y))\n",
                "        mini_batches.append((X[:, k * mini_batch_size:(k + 1) * mini_batch_size],\n"
                "                             Y[:, k * mini_batch_size:(k + 1) * mini_batch_size]))\n"),
               ("        mini_batch_X = shuffled_X[:, num_complete_minibatches * mini_batch_size:]\n"
                "        mini_batch_Y = shuffled_Y[:, num_complete_minibatches * mini_batch_size:]\n"
                "        mini_batches.append((mini_batch_X, mini_batch_Y))\n",
                "        mini_batches.append((X[:, num_complete_minibatches * mini_batch_size:],\n"
                "                             Y[:, num_complete_minibatches * mini_batch_size:]))\n")]},
    {"cell": "random_mini_batches", "name": "one_batch_too_many",
     "says": "off by one in the batch count: range(num_complete_minibatches + 1) always adds a last slice, which is empty when mini_batch_size divides m",
     "hint": None,
     "patch": [("    for k in range(num_complete_minibatches):\n"
                "        mini_batch_X = shuffled_X[:, k * mini_batch_size:(k + 1) * mini_batch_size]\n"
                "        mini_batch_Y = shuffled_Y[:, k * mini_batch_size:(k + 1) * mini_batch_size]\n"
                "        mini_batches.append((mini_batch_X, mini_batch_Y))\n"
                "    if m % mini_batch_size != 0:\n"
                "        mini_batch_X = shuffled_X[:, num_complete_minibatches * mini_batch_size:]\n"
                "        mini_batch_Y = shuffled_Y[:, num_complete_minibatches * mini_batch_size:]\n"
                "        mini_batches.append((mini_batch_X, mini_batch_Y))\n",
                "    for k in range(num_complete_minibatches + 1):\n"
                "        mini_batches.append((shuffled_X[:, k * mini_batch_size:(k + 1) * mini_batch_size],\n"
                "                             shuffled_Y[:, k * mini_batch_size:(k + 1) * mini_batch_size]))\n")]},
    {"cell": "random_mini_batches", "name": "separate_permutations",
     "says": "shuffled X and Y with two different permutations, so the labels no longer match",
     "hint": None,
     "patch": [("    permutation = list(np.random.permutation(m))\n"
                "    shuffled_X = X[:, permutation]\n"
                "    shuffled_Y = Y[:, permutation]\n",
                "    shuffled_X = X[:, list(np.random.permutation(m))]\n"
                "    shuffled_Y = Y[:, list(np.random.permutation(m))]\n"),
               ("        mini_batch_X = shuffled_X[:, k * mini_batch_size:(k + 1) * mini_batch_size]\n"
                "        mini_batch_Y = shuffled_Y[:, k * mini_batch_size:(k + 1) * mini_batch_size]\n"
                "        mini_batches.append((mini_batch_X, mini_batch_Y))\n",
                "        mini_batches.append((shuffled_X[:, k * mini_batch_size:(k + 1) * mini_batch_size],\n"
                "                             shuffled_Y[:, k * mini_batch_size:(k + 1) * mini_batch_size]))\n"),
               ("        mini_batch_X = shuffled_X[:, num_complete_minibatches * mini_batch_size:]\n"
                "        mini_batch_Y = shuffled_Y[:, num_complete_minibatches * mini_batch_size:]\n"
                "        mini_batches.append((mini_batch_X, mini_batch_Y))\n",
                "        mini_batches.append((shuffled_X[:, num_complete_minibatches * mini_batch_size:],\n"
                "                             shuffled_Y[:, num_complete_minibatches * mini_batch_size:]))\n")]},
    {"cell": "random_mini_batches", "name": "shuffled_in_place",
     "says": "shuffled the caller's X and Y in place (np.random.shuffle on their transposes, with the same random state), instead of one permutation applied to copies",
     "hint": None,
     "patch": [("    np.random.seed(seed)            # keep this line: the tests expect these random numbers\n",
                ""),
               ("    permutation = list(np.random.permutation(m))\n"
                "    shuffled_X = X[:, permutation]\n"
                "    shuffled_Y = Y[:, permutation]\n",
                "    np.random.seed(seed)\n"
                "    np.random.shuffle(X.T)\n"
                "    np.random.seed(seed)\n"
                "    np.random.shuffle(Y.T)\n"),
               ("        mini_batch_X = shuffled_X[:, k * mini_batch_size:(k + 1) * mini_batch_size]\n"
                "        mini_batch_Y = shuffled_Y[:, k * mini_batch_size:(k + 1) * mini_batch_size]\n"
                "        mini_batches.append((mini_batch_X, mini_batch_Y))\n",
                "        mini_batches.append((X[:, k * mini_batch_size:(k + 1) * mini_batch_size],\n"
                "                             Y[:, k * mini_batch_size:(k + 1) * mini_batch_size]))\n"),
               ("        mini_batch_X = shuffled_X[:, num_complete_minibatches * mini_batch_size:]\n"
                "        mini_batch_Y = shuffled_Y[:, num_complete_minibatches * mini_batch_size:]\n"
                "        mini_batches.append((mini_batch_X, mini_batch_Y))\n",
                "        mini_batches.append((X[:, num_complete_minibatches * mini_batch_size:],\n"
                "                             Y[:, num_complete_minibatches * mini_batch_size:]))\n")]},
    {"cell": "schedule_lr_decay", "name": "floor_includes_decay_rate",
     "says": "took the floor of decay_rate * epoch_num / time_interval instead of epoch_num / time_interval",
     "hint": None,
     "patch": [("    learning_rate = learning_rate0 / (1 + decay_rate * np.floor(epoch_num / time_interval))\n",
                "    learning_rate = learning_rate0 / (1 + np.floor(decay_rate * epoch_num / time_interval))\n")]},
    {"cell": "schedule_lr_decay", "name": "ignores_time_interval",
     "says": "hard-coded the interval of 1000 epochs instead of using the time_interval argument",
     "hint": None,
     "patch": [("    learning_rate = learning_rate0 / (1 + decay_rate * np.floor(epoch_num / time_interval))\n",
                "    learning_rate = learning_rate0 / (1 + decay_rate * np.floor(epoch_num / 1000))\n")]},
    {"cell": "schedule_lr_decay", "name": "no_floor",
     "says": "used epoch_num / time_interval without the floor, so the rate decays every epoch",
     "hint": None,
     "patch": [("    learning_rate = learning_rate0 / (1 + decay_rate * np.floor(epoch_num / time_interval))\n",
                "    learning_rate = learning_rate0 / (1 + decay_rate * epoch_num / time_interval)\n")]},
    {"cell": "schedule_lr_decay", "name": "round_instead_of_floor",
     "says": "rounded epoch_num / time_interval to the nearest integer instead of taking the floor",
     "hint": None,
     "patch": [("    learning_rate = learning_rate0 / (1 + decay_rate * np.floor(epoch_num / time_interval))\n",
                "    learning_rate = learning_rate0 / (1 + decay_rate * round(epoch_num / time_interval))\n")]},
    {"cell": "update_lr", "name": "multiplies",
     "says": "multiplied by (1 + decay_rate * epoch_num) instead of dividing, so the rate grows",
     "hint": None,
     "patch": [("    learning_rate = learning_rate0 / (1 + decay_rate * epoch_num)\n",
                "    learning_rate = learning_rate0 * (1 + decay_rate * epoch_num)\n")]},
    {"cell": "update_lr", "name": "operator_precedence",
     "says": "missing parentheses: learning_rate0 / 1 + decay_rate * epoch_num", "hint": None,
     "patch": [("    learning_rate = learning_rate0 / (1 + decay_rate * epoch_num)\n",
                "    learning_rate = learning_rate0 / 1 + decay_rate * epoch_num\n")]},
    {"cell": "update_lr", "name": "without_the_one",
     "says": "forgot the 1 in the denominator: learning_rate0 / (decay_rate * epoch_num)",
     "hint": None,
     "patch": [("    learning_rate = learning_rate0 / (1 + decay_rate * epoch_num)\n",
                "    learning_rate = learning_rate0 / (decay_rate * epoch_num)\n")]},
    {"cell": "update_parameters_with_adam", "name": "beta1_in_both_corrections",
     "says": "corrected s with beta1 ** t instead of beta2 ** t", "hint": None,
     "patch": [("            s_corrected[dkey] = new_s[dkey] / (1 - beta2 ** t)\n"
                "            new_parameters[key] = parameters[key] - learning_rate * v_corrected[dkey] / (\n"
                "                np.sqrt(s_corrected[dkey]) + epsilon)\n",
                "            s_corrected[dkey] = new_s[dkey] / (1 - beta1 ** t)\n"
                "            new_parameters[key] = parameters[key] - learning_rate * v_corrected[dkey] / (np.sqrt(s_corrected[dkey]) + epsilon)\n")]},
    {"cell": "update_parameters_with_adam", "name": "bias_correction_t_minus_1",
     "says": "bias correction with t - 1 instead of t (1 - beta ** (t - 1))", "hint": None,
     "patch": [("            v_corrected[dkey] = new_v[dkey] / (1 - beta1 ** t)\n"
                "            s_corrected[dkey] = new_s[dkey] / (1 - beta2 ** t)\n"
                "            new_parameters[key] = parameters[key] - learning_rate * v_corrected[dkey] / (\n"
                "                np.sqrt(s_corrected[dkey]) + epsilon)\n",
                "            v_corrected[dkey] = new_v[dkey] / (1 - beta1 ** (t - 1))\n"
                "            s_corrected[dkey] = new_s[dkey] / (1 - beta2 ** (t - 1))\n"
                "            new_parameters[key] = parameters[key] - learning_rate * v_corrected[dkey] / (np.sqrt(s_corrected[dkey]) + epsilon)\n")]},
    {"cell": "update_parameters_with_adam", "name": "epsilon_inside_sqrt",
     "says": "added epsilon inside the square root: sqrt(s_corrected + epsilon)", "hint": None,
     "patch": [("            new_parameters[key] = parameters[key] - learning_rate * v_corrected[dkey] / (\n"
                "                np.sqrt(s_corrected[dkey]) + epsilon)\n",
                "            new_parameters[key] = parameters[key] - learning_rate * v_corrected[dkey] / np.sqrt(s_corrected[dkey] + epsilon)\n")]},
    {"cell": "update_parameters_with_adam", "name": "no_bias_correction",
     "says": "no bias correction: v_corrected and s_corrected are v and s", "hint": None,
     "patch": [("            v_corrected[dkey] = new_v[dkey] / (1 - beta1 ** t)\n"
                "            s_corrected[dkey] = new_s[dkey] / (1 - beta2 ** t)\n"
                "            new_parameters[key] = parameters[key] - learning_rate * v_corrected[dkey] / (\n"
                "                np.sqrt(s_corrected[dkey]) + epsilon)\n",
                "            v_corrected[dkey] = new_v[dkey]\n"
                "            s_corrected[dkey] = new_s[dkey]\n"
                "            new_parameters[key] = parameters[key] - learning_rate * v_corrected[dkey] / (np.sqrt(s_corrected[dkey]) + epsilon)\n")]},
    {"cell": "update_parameters_with_adam", "name": "no_square_root",
     "says": "divided by s_corrected instead of its square root", "hint": None,
     "patch": [("            new_parameters[key] = parameters[key] - learning_rate * v_corrected[dkey] / (\n"
                "                np.sqrt(s_corrected[dkey]) + epsilon)\n",
                "            new_parameters[key] = parameters[key] - learning_rate * v_corrected[dkey] / (s_corrected[dkey] + epsilon)\n")]},
    {"cell": "update_parameters_with_adam", "name": "s_not_squared",
     "says": "the second moment averages the gradients, not their squares", "hint": None,
     "patch": [("            new_s[dkey] = beta2 * s[dkey] + (1 - beta2) * np.square(grads[dkey])\n",
                "            new_s[dkey] = beta2 * s[dkey] + (1 - beta2) * grads[dkey]\n")]},
    {"cell": "update_parameters_with_adam", "name": "steps_with_uncorrected_moments",
     "says": "computed the corrections but stepped with the uncorrected v and s", "hint": None,
     "patch": [("            new_parameters[key] = parameters[key] - learning_rate * v_corrected[dkey] / (\n"
                "                np.sqrt(s_corrected[dkey]) + epsilon)\n",
                "            new_parameters[key] = parameters[key] - learning_rate * new_v[dkey] / (np.sqrt(new_s[dkey]) + epsilon)\n")]},
    {"cell": "update_parameters_with_adam", "name": "writes_into_callers_dicts",
     "says": "wrote the new moments and parameters into the caller's dicts v, s and parameters",
     "hint": None,
     "patch": [("    new_parameters, new_v, new_s, v_corrected, s_corrected = {}, {}, {}, {}, {}\n",
                "    v_corrected, s_corrected = {}, {}\n"),
               ("            new_v[dkey] = beta1 * v[dkey] + (1 - beta1) * grads[dkey]\n"
                "            new_s[dkey] = beta2 * s[dkey] + (1 - beta2) * np.square(grads[dkey])\n"
                "            v_corrected[dkey] = new_v[dkey] / (1 - beta1 ** t)\n"
                "            s_corrected[dkey] = new_s[dkey] / (1 - beta2 ** t)\n"
                "            new_parameters[key] = parameters[key] - learning_rate * v_corrected[dkey] / (\n"
                "                np.sqrt(s_corrected[dkey]) + epsilon)\n"
                "            ### END SOLUTION\n"
                "    return new_parameters, new_v, new_s, v_corrected, s_corrected",
                "            v[dkey] = beta1 * v[dkey] + (1 - beta1) * grads[dkey]\n"
                "            s[dkey] = beta2 * s[dkey] + (1 - beta2) * grads[dkey] ** 2\n"
                "            v_corrected[dkey] = v[dkey] / (1 - beta1 ** t)\n"
                "            s_corrected[dkey] = s[dkey] / (1 - beta2 ** t)\n"
                "            parameters[key] -= learning_rate * v_corrected[dkey] / (np.sqrt(s_corrected[dkey]) + epsilon)\n"
                "    return parameters, v, s, v_corrected, s_corrected")]},
    {"cell": "update_parameters_with_gd", "name": "copy_of_dict_only",
     "says": "copied the dict (a shallow copy) and then used -=, which still changes the caller's arrays",
     "hint": None,
     "patch": [("    new_parameters = {}\n",
                "    new_parameters = parameters.copy()\n"),
               ('        new_parameters["W" + str(l)] = parameters["W" + str(l)] - learning_rate * grads["dW" + str(l)]\n'
                '        new_parameters["b" + str(l)] = parameters["b" + str(l)] - learning_rate * grads["db" + str(l)]\n',
                '        new_parameters["W" + str(l)] -= learning_rate * grads["dW" + str(l)]\n'
                '        new_parameters["b" + str(l)] -= learning_rate * grads["db" + str(l)]\n')]},
    {"cell": "update_parameters_with_gd", "name": "gradient_ascent",
     "says": "added the gradient instead of subtracting it (gradient ascent)", "hint": None,
     "patch": [('        new_parameters["W" + str(l)] = parameters["W" + str(l)] - learning_rate * grads["dW" + str(l)]\n'
                '        new_parameters["b" + str(l)] = parameters["b" + str(l)] - learning_rate * grads["db" + str(l)]\n',
                '        new_parameters["W" + str(l)] = parameters["W" + str(l)] + learning_rate * grads["dW" + str(l)]\n'
                '        new_parameters["b" + str(l)] = parameters["b" + str(l)] + learning_rate * grads["db" + str(l)]\n')]},
    {"cell": "update_parameters_with_gd", "name": "in_place",
     "says": "updated the caller's arrays in place with -= and returned the caller's dict",
     "hint": None,
     "patch": [("    new_parameters = {}\n",
                ""),
               ('        new_parameters["W" + str(l)] = parameters["W" + str(l)] - learning_rate * grads["dW" + str(l)]\n'
                '        new_parameters["b" + str(l)] = parameters["b" + str(l)] - learning_rate * grads["db" + str(l)]\n'
                "        ### END SOLUTION\n"
                "    return new_parameters",
                '        parameters["W" + str(l)] -= learning_rate * grads["dW" + str(l)]\n'
                '        parameters["b" + str(l)] -= learning_rate * grads["db" + str(l)]\n'
                "    return parameters")]},
    {"cell": "update_parameters_with_gd", "name": "last_layer_skipped",
     "says": "looped over range(1, L), so the last layer is neither updated nor returned",
     "hint": None,
     "patch": [("    for l in range(1, L + 1):\n",
                "    for l in range(1, L):\n")]},
    {"cell": "update_parameters_with_momentum", "name": "betas_swapped",
     "says": "weighted the old velocity by (1 - beta) and the new gradient by beta", "hint": None,
     "patch": [("            new_v[dkey] = beta * v[dkey] + (1 - beta) * grads[dkey]\n",
                "            new_v[dkey] = (1 - beta) * v[dkey] + beta * grads[dkey]\n")]},
    {"cell": "update_parameters_with_momentum", "name": "no_one_minus_beta",
     "says": "v = beta * v + grad, without the factor (1 - beta) of the lectures' formula",
     "hint": None,
     "patch": [("            new_v[dkey] = beta * v[dkey] + (1 - beta) * grads[dkey]\n",
                "            new_v[dkey] = beta * v[dkey] + grads[dkey]\n")]},
    {"cell": "update_parameters_with_momentum", "name": "steps_along_gradient",
     "says": "computed the velocity but stepped along the raw gradient, as plain gradient descent",
     "hint": None,
     "patch": [("            new_parameters[key] = parameters[key] - learning_rate * new_v[dkey]\n",
                "            new_parameters[key] = parameters[key] - learning_rate * grads[dkey]\n")]},
    {"cell": "update_parameters_with_momentum", "name": "steps_with_old_velocity",
     "says": "updated the parameters with the old velocity, before averaging in the new gradient",
     "hint": None,
     "patch": [("            new_v[dkey] = beta * v[dkey] + (1 - beta) * grads[dkey]\n",
                "            new_parameters[key] = parameters[key] - learning_rate * v[dkey]\n"
                "            new_v[dkey] = beta * v[dkey] + (1 - beta) * grads[dkey]\n"),
               ("            new_parameters[key] = parameters[key] - learning_rate * new_v[dkey]\n",
                "")]},
    {"cell": "update_parameters_with_momentum", "name": "writes_into_callers_dicts",
     "says": "wrote the new values into the caller's dicts v and parameters and returned them",
     "hint": None,
     "patch": [("    new_parameters, new_v = {}, {}\n",
                ""),
               ('        for name in ("W", "b"):\n'
                '            key, dkey = name + str(l), "d" + name + str(l)      # e.g. "W1" and "dW1"\n'
                "            ### BEGIN SOLUTION\n"
                "            new_v[dkey] = beta * v[dkey] + (1 - beta) * grads[dkey]\n"
                "            new_parameters[key] = parameters[key] - learning_rate * new_v[dkey]\n"
                "            ### END SOLUTION\n"
                "    return new_parameters, new_v",
                '        v["dW" + str(l)] = beta * v["dW" + str(l)] + (1 - beta) * grads["dW" + str(l)]\n'
                '        v["db" + str(l)] = beta * v["db" + str(l)] + (1 - beta) * grads["db" + str(l)]\n'
                '        parameters["W" + str(l)] = parameters["W" + str(l)] - learning_rate * v["dW" + str(l)]\n'
                '        parameters["b" + str(l)] = parameters["b" + str(l)] - learning_rate * v["db" + str(l)]\n'
                "    return parameters, v")]},
]
