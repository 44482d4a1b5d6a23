"""Known mistakes in c1w3a1_planar_classification: read by autograder/mistakes.py (see CONTRIBUTING.md, "Mistakes").

Plain data, never executed.  Each patch is a list of (old, new) replacements applied in order to
the solution cell's source; the self-test proves that every mistake loses points.
"""

MISTAKES = [
    {"cell": "backward_propagation", "name": "no_division_by_m",
     "says": "forgot the 1/m in the weight gradients", "hint": None,
     "patch": [("    dW2 = dZ2 @ A1.T / m\n",
                "    dW2 = np.dot(dZ2, A1.T)\n"),
               ("    dZ1 = (W2.T @ dZ2) * (1 - A1 ** 2)\n"
                "    dW1 = dZ1 @ X.T / m\n",
                "    dZ1 = np.dot(W2.T, dZ2) * (1 - np.power(A1, 2))\n"
                "    dW1 = np.dot(dZ1, X.T)\n")]},
    {"cell": "backward_propagation", "name": "no_keepdims",
     "says": "np.sum without keepdims=True, so db1 and db2 lose their second dimension",
     "hint": None,
     "patch": [("    dW2 = dZ2 @ A1.T / m\n"
                "    db2 = np.sum(dZ2, axis=1, keepdims=True) / m\n"
                "    dZ1 = (W2.T @ dZ2) * (1 - A1 ** 2)\n"
                "    dW1 = dZ1 @ X.T / m\n"
                "    db1 = np.sum(dZ1, axis=1, keepdims=True) / m\n",
                "    dW2 = np.dot(dZ2, A1.T) / m\n"
                "    db2 = np.sum(dZ2, axis=1) / m\n"
                "    dZ1 = np.dot(W2.T, dZ2) * (1 - np.power(A1, 2))\n"
                "    dW1 = np.dot(dZ1, X.T) / m\n"
                "    db1 = np.sum(dZ1, axis=1) / m\n")]},
    {"cell": "backward_propagation", "name": "sigmoid_derivative",
     "says": "uses the sigmoid's derivative A1 * (1 - A1) for the tanh hidden layer", "hint": None,
     "patch": [("    dW2 = dZ2 @ A1.T / m\n",
                "    dW2 = np.dot(dZ2, A1.T) / m\n"),
               ("    dZ1 = (W2.T @ dZ2) * (1 - A1 ** 2)\n"
                "    dW1 = dZ1 @ X.T / m\n",
                "    dZ1 = np.dot(W2.T, dZ2) * A1 * (1 - A1)\n"
                "    dW1 = np.dot(dZ1, X.T) / m\n")]},
    {"cell": "backward_propagation", "name": "squeezed_dZ1",
     "says": "np.squeeze on dZ1, harmless with many examples, turns (n_h, 1) into (n_h,) when m = 1",
     "hint": None,
     "patch": [("    dW2 = dZ2 @ A1.T / m\n",
                "    dW2 = np.dot(dZ2, A1.T) / m\n"),
               ("    dZ1 = (W2.T @ dZ2) * (1 - A1 ** 2)\n"
                "    dW1 = dZ1 @ X.T / m\n"
                "    db1 = np.sum(dZ1, axis=1, keepdims=True) / m\n",
                "    dZ1 = np.squeeze(np.dot(W2.T, dZ2) * (1 - np.power(A1, 2)))\n"
                "    dW1 = np.dot(dZ1, X.T) / m\n"
                "    db1 = np.sum(dZ1, axis=-1, keepdims=True) / m\n")]},
    {"cell": "backward_propagation", "name": "tanh_of_A1",
     "says": "takes the tanh slope at A1 instead of Z1: 1 - tanh(A1)**2 (tanh applied twice)",
     "hint": None,
     "patch": [("    dW2 = dZ2 @ A1.T / m\n",
                "    dW2 = np.dot(dZ2, A1.T) / m\n"),
               ("    dZ1 = (W2.T @ dZ2) * (1 - A1 ** 2)\n"
                "    dW1 = dZ1 @ X.T / m\n",
                "    dZ1 = np.dot(W2.T, dZ2) * (1 - np.tanh(A1) ** 2)\n"
                "    dW1 = np.dot(dZ1, X.T) / m\n")]},
    {"cell": "compute_cost", "name": "matrix_not_number",
     "says": "uses np.dot for the sums and returns a (1, 1) array instead of a number",
     "hint": None,
     "patch": [("    log_likelihood = Y * np.log(A2) + (1 - Y) * np.log(1 - A2)\n"
                "    cost = -np.sum(log_likelihood) / m\n",
                "    cost = -(np.dot(Y, np.log(A2).T) + np.dot(1 - Y, np.log(1 - A2).T)) / m\n")]},
    {"cell": "compute_cost", "name": "no_division_by_m",
     "says": "sums the losses but forgets to divide by m", "hint": None,
     "patch": [("    log_likelihood = Y * np.log(A2) + (1 - Y) * np.log(1 - A2)\n"
                "    cost = -np.sum(log_likelihood) / m\n",
                "    cost = -np.sum(Y * np.log(A2) + (1 - Y) * np.log(1 - A2))\n")]},
    {"cell": "compute_cost", "name": "only_positive_term",
     "says": "keeps only the y log(a) term and drops (1 - y) log(1 - a)", "hint": None,
     "patch": [("    log_likelihood = Y * np.log(A2) + (1 - Y) * np.log(1 - A2)\n"
                "    cost = -np.sum(log_likelihood) / m\n",
                "    cost = -np.sum(Y * np.log(A2)) / m\n")]},
    {"cell": "compute_cost", "name": "wrong_sign",
     "says": "forgot the minus sign, so the cost is negative", "hint": None,
     "patch": [("    log_likelihood = Y * np.log(A2) + (1 - Y) * np.log(1 - A2)\n"
                "    cost = -np.sum(log_likelihood) / m\n",
                "    cost = np.sum(Y * np.log(A2) + (1 - Y) * np.log(1 - A2)) / m\n")]},
    {"cell": "forward_propagation", "name": "layer2_takes_Z1",
     "says": "the second layer is fed Z1 (before the activation) instead of A1", "hint": None,
     "patch": [("    Z1 = W1 @ X + b1\n",
                "    Z1 = np.dot(W1, X) + b1\n"),
               ("    Z2 = W2 @ A1 + b2\n",
                "    Z2 = np.dot(W2, Z1) + b2\n")]},
    {"cell": "forward_propagation", "name": "no_bias_b1",
     "says": "forgot to add the bias b1 in the first layer", "hint": None,
     "patch": [('    W1, b1 = parameters["W1"], parameters["b1"]\n',
                '    W1 = parameters["W1"]\n'),
               ("    Z1 = W1 @ X + b1\n",
                "    Z1 = np.dot(W1, X)\n"),
               ("    Z2 = W2 @ A1 + b2\n",
                "    Z2 = np.dot(W2, A1) + b2\n")]},
    {"cell": "forward_propagation", "name": "sigmoid_hidden_layer",
     "says": "uses the sigmoid in the hidden layer instead of tanh", "hint": None,
     "patch": [("    Z1 = W1 @ X + b1\n"
                "    A1 = np.tanh(Z1)\n"
                "    Z2 = W2 @ A1 + b2\n",
                "    Z1 = np.dot(W1, X) + b1\n"
                "    A1 = sigmoid(Z1)\n"
                "    Z2 = np.dot(W2, A1) + b2\n")]},
    {"cell": "forward_propagation", "name": "tanh_output",
     "says": "uses tanh in the output layer too, so A2 is not a probability", "hint": None,
     "patch": [("    Z1 = W1 @ X + b1\n",
                "    Z1 = np.dot(W1, X) + b1\n"),
               ("    Z2 = W2 @ A1 + b2\n"
                "    A2 = sigmoid(Z2)\n",
                "    Z2 = np.dot(W2, A1) + b2\n"
                "    A2 = np.tanh(Z2)\n")]},
    {"cell": "initialize_parameters", "name": "W2_drawn_first",
     "says": "draws W2 before W1, so each gets the other's random numbers", "hint": None,
     "patch": [("    W1 = np.random.randn(n_h, n_x) * 0.01\n",
                "    W2 = np.random.randn(n_y, n_h) * 0.01\n"
                "    W1 = np.random.randn(n_h, n_x) * 0.01\n"),
               ("    b1 = np.zeros((n_h, 1))\n"
                "    W2 = np.random.randn(n_y, n_h) * 0.01\n",
                "    b1 = np.zeros((n_h, 1))\n")]},
    {"cell": "initialize_parameters", "name": "no_scaling",
     "says": "forgot to scale the random weights by 0.01", "hint": None,
     "patch": [("    W1 = np.random.randn(n_h, n_x) * 0.01\n",
                "    W1 = np.random.randn(n_h, n_x)\n"),
               ("    W2 = np.random.randn(n_y, n_h) * 0.01\n",
                "    W2 = np.random.randn(n_y, n_h)\n")]},
    {"cell": "initialize_parameters", "name": "transposed_W1",
     "says": "draws W1 with shape (n_x, n_h) instead of (n_h, n_x)", "hint": None,
     "patch": [("    W1 = np.random.randn(n_h, n_x) * 0.01\n",
                "    W1 = np.random.randn(n_x, n_h) * 0.01\n")]},
    {"cell": "initialize_parameters", "name": "uniform_rand",
     "says": "draws the weights with np.random.rand (uniform on [0, 1)) instead of np.random.randn (standard normal)",
     "hint": None,
     "patch": [("    W1 = np.random.randn(n_h, n_x) * 0.01\n",
                "    W1 = np.random.rand(n_h, n_x) * 0.01\n"),
               ("    W2 = np.random.randn(n_y, n_h) * 0.01\n",
                "    W2 = np.random.rand(n_y, n_h) * 0.01\n")]},
    {"cell": "layer_sizes", "name": "hardcoded_sizes",
     "says": "types the sizes of the flower data (2 inputs, 1 output) instead of reading the shapes",
     "hint": None,
     "patch": [("    n_x = X.shape[0]\n",
                "    n_x = 2\n"),
               ("    n_y = Y.shape[0]\n",
                "    n_y = 1\n")]},
    {"cell": "layer_sizes", "name": "n_x_from_columns",
     "says": "reads n_x from the number of columns of X (the number of examples m)", "hint": None,
     "patch": [("    n_x = X.shape[0]\n",
                "    n_x = X.shape[1]\n")]},
    {"cell": "layer_sizes", "name": "returns_list",
     "says": "returns a list instead of the tuple (n_x, n_h, n_y)", "hint": None,
     "patch": [("    n_x = X.shape[0]\n"
                "    n_h = 4\n"
                "    n_y = Y.shape[0]\n"
                "    ### END SOLUTION\n"
                "    return (n_x, n_h, n_y)",
                "    return [X.shape[0], 4, Y.shape[0]]")]},
    {"cell": "nn_model", "name": "forward_once",
     "says": "runs the forward pass once, before the loop, so every step reuses stale activations",
     "hint": None,
     "patch": [("    for i in range(num_iterations):\n",
                "    A2, cache = forward_propagation(X, parameters)\n"
                "    for i in range(num_iterations):\n"),
               ("        A2, cache = forward_propagation(X, parameters)\n"
                "        if print_cost and i % 1000 == 0:\n"
                '            print(f"Cost after iteration {i}: {compute_cost(A2, Y):.6f}")\n',
                "")]},
    {"cell": "nn_model", "name": "n_h_from_layer_sizes",
     "says": "unpacks n_h from layer_sizes, which overwrites the argument n_h with 4", "hint": None,
     "patch": [("    n_x, _, n_y = layer_sizes(X, Y)\n",
                "    n_x, n_h, n_y = layer_sizes(X, Y)\n")]},
    {"cell": "nn_model", "name": "one_iteration_short",
     "says": "off by one, runs num_iterations - 1 steps", "hint": None,
     "patch": [("    for i in range(num_iterations):\n",
                "    for i in range(1, num_iterations):\n")]},
    {"cell": "nn_model", "name": "update_result_discarded",
     "says": "calls update_parameters but never keeps what it returns", "hint": None,
     "patch": [("        if print_cost and i % 1000 == 0:\n",
                "        grads = backward_propagation(parameters, cache, X, Y)\n"
                "        update_parameters(parameters, grads)\n"
                "        if print_cost and i % 1000 == 0:\n"),
               ('            print(f"Cost after iteration {i}: {compute_cost(A2, Y):.6f}")\n'
                "        grads = backward_propagation(parameters, cache, X, Y)\n"
                "        parameters = update_parameters(parameters, grads)\n",
                '            print("Cost after iteration %i: %f" % (i, compute_cost(A2, Y)))\n')]},
    {"cell": "predict", "name": "booleans",
     "says": "returns the booleans of the comparison instead of float labels 0. and 1.",
     "hint": None,
     "patch": [("    A2, _ = forward_propagation(X, parameters)\n"
                "    predictions = (A2 > 0.5).astype(float)\n",
                "    A2, cache = forward_propagation(X, parameters)\n"
                "    predictions = A2 > 0.5\n")]},
    {"cell": "predict", "name": "flattened",
     "says": "flattens the predictions to shape (m,) instead of (1, m)", "hint": None,
     "patch": [("    A2, _ = forward_propagation(X, parameters)\n"
                "    predictions = (A2 > 0.5).astype(float)\n",
                "    A2, cache = forward_propagation(X, parameters)\n"
                "    predictions = (A2 > 0.5).flatten()\n")]},
    {"cell": "predict", "name": "int_labels",
     "says": "integer labels (astype(int)) where the course's rule asks for floats 0. and 1.",
     "hint": None,
     "patch": [("    A2, _ = forward_propagation(X, parameters)\n"
                "    predictions = (A2 > 0.5).astype(float)\n",
                "    A2, cache = forward_propagation(X, parameters)\n"
                "    predictions = (A2 > 0.5).astype(int)\n")]},
    {"cell": "predict", "name": "returns_probabilities",
     "says": "returns the probabilities A2 instead of 0/1 labels", "hint": None,
     "patch": [("    A2, _ = forward_propagation(X, parameters)\n"
                "    predictions = (A2 > 0.5).astype(float)\n",
                "    A2, cache = forward_propagation(X, parameters)\n"
                "    predictions = A2\n")]},
    {"cell": "predict", "name": "threshold_on_Z2",
     "says": "compares Z2 (before the sigmoid) with 0.5 instead of A2", "hint": None,
     "patch": [("    A2, _ = forward_propagation(X, parameters)\n"
                "    predictions = (A2 > 0.5).astype(float)\n",
                "    A2, cache = forward_propagation(X, parameters)\n"
                '    predictions = (cache["Z2"] > 0.5).astype(float)\n')]},
    {"cell": "update_parameters", "name": "biases_not_updated",
     "says": "updates the weights but leaves the biases unchanged", "hint": None,
     "patch": [('    b1 = parameters["b1"] - learning_rate * grads["db1"]\n',
                '    b1 = parameters["b1"]\n'),
               ('    b2 = parameters["b2"] - learning_rate * grads["db2"]\n',
                '    b2 = parameters["b2"]\n')]},
    {"cell": "update_parameters", "name": "fixed_learning_rate",
     "says": "hard-codes the learning rate 1.2 instead of using the argument", "hint": None,
     "patch": [('    W1 = parameters["W1"] - learning_rate * grads["dW1"]\n'
                '    b1 = parameters["b1"] - learning_rate * grads["db1"]\n'
                '    W2 = parameters["W2"] - learning_rate * grads["dW2"]\n'
                '    b2 = parameters["b2"] - learning_rate * grads["db2"]\n',
                '    W1 = parameters["W1"] - 1.2 * grads["dW1"]\n'
                '    b1 = parameters["b1"] - 1.2 * grads["db1"]\n'
                '    W2 = parameters["W2"] - 1.2 * grads["dW2"]\n'
                '    b2 = parameters["b2"] - 1.2 * grads["db2"]\n')]},
    {"cell": "update_parameters", "name": "in_place",
     "says": "updates the caller's arrays in place with -=, so the argument parameters changes too",
     "hint": None,
     "patch": [('    W1 = parameters["W1"] - learning_rate * grads["dW1"]\n'
                '    b1 = parameters["b1"] - learning_rate * grads["db1"]\n'
                '    W2 = parameters["W2"] - learning_rate * grads["dW2"]\n'
                '    b2 = parameters["b2"] - learning_rate * grads["db2"]\n',
                '    W1, b1 = parameters["W1"], parameters["b1"]\n'
                '    W2, b2 = parameters["W2"], parameters["b2"]\n'
                '    W1 -= learning_rate * grads["dW1"]\n'
                '    b1 -= learning_rate * grads["db1"]\n'
                '    W2 -= learning_rate * grads["dW2"]\n'
                '    b2 -= learning_rate * grads["db2"]\n')]},
    {"cell": "update_parameters", "name": "plus_sign",
     "says": "adds the gradient (gradient ascent) instead of subtracting it", "hint": None,
     "patch": [('    W1 = parameters["W1"] - learning_rate * grads["dW1"]\n'
                '    b1 = parameters["b1"] - learning_rate * grads["db1"]\n'
                '    W2 = parameters["W2"] - learning_rate * grads["dW2"]\n'
                '    b2 = parameters["b2"] - learning_rate * grads["db2"]\n',
                '    W1 = parameters["W1"] + learning_rate * grads["dW1"]\n'
                '    b1 = parameters["b1"] + learning_rate * grads["db1"]\n'
                '    W2 = parameters["W2"] + learning_rate * grads["dW2"]\n'
                '    b2 = parameters["b2"] + learning_rate * grads["db2"]\n')]},
]
