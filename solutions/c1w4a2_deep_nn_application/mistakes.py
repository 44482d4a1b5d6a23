"""Known mistakes in c1w4a2_deep_nn_application: read by autograder/mistakes.py (see CONTRIBUTING.md, "Mistakes").

Plain data, never executed.  Each patch is a list of (old, new) replacements applied in order to
the solution cell's source; the self-test proves that every mistake loses points.
"""

MISTAKES = [
    {"cell": "L_layer_model", "name": "cost_after_update",
     "says": "records the cost of the updated parameters (a second forward pass after the update), so costs[0] is not the cost of the initial parameters",
     "hint": None,
     "patch": [("        cost = compute_cost(AL, Y)\n",
                ""),
               ("            costs.append(cost)\n",
                "            AL_new, _ = L_model_forward(X, parameters)\n"
                "            cost = compute_cost(AL_new, Y)\n"
                "            costs.append(cost)\n")]},
    {"cell": "L_layer_model", "name": "fixed_learning_rate",
     "says": "ignores the learning_rate argument and always steps with 0.0075", "hint": None,
     "patch": [("        parameters = update_parameters(parameters, grads, learning_rate)\n",
                "        parameters = update_parameters(parameters, grads, learning_rate=0.0075)\n")]},
    {"cell": "L_layer_model", "name": "init_inside_loop",
     "says": "initialises the parameters inside the loop (every iteration restarts from scratch)",
     "hint": None,
     "patch": [("    parameters = initialize_parameters_deep(layers_dims)\n",
                ""),
               ("        AL, caches = L_model_forward(X, parameters)\n",
                "        parameters = initialize_parameters_deep(layers_dims)\n"
                "        AL, caches = L_model_forward(X, parameters)\n")]},
    {"cell": "L_layer_model", "name": "records_last_iteration",
     "says": "also records the cost of the last iteration, which is not a multiple of 100",
     "hint": None,
     "patch": [("        if i % 100 == 0:\n",
                "        if i % 100 == 0 or i == num_iterations - 1:\n")]},
    {"cell": "L_layer_model", "name": "two_layer_init",
     "says": "copied the two-layer initialisation, so the middle layers of layers_dims are dropped",
     "hint": None,
     "patch": [("    parameters = initialize_parameters_deep(layers_dims)\n",
                "    parameters = initialize_parameters(layers_dims[0], layers_dims[1], layers_dims[-1])\n")]},
    {"cell": "L_layer_model", "name": "update_before_backward",
     "says": "updates the parameters before the backward pass of the same iteration, with the gradients of the previous iteration, so the last gradients are never used",
     "hint": None,
     "patch": [("    for i in range(num_iterations):\n",
                "    grads = None\n"
                "    for i in range(num_iterations):\n"),
               ("        grads = L_model_backward(AL, Y, caches)\n",
                "        if grads is not None:\n"
                "            parameters = update_parameters(parameters, grads, learning_rate)\n"
                "        grads = L_model_backward(AL, Y, caches)\n"),
               ("        grads = L_model_backward(AL, Y, caches)\n"
                "        parameters = update_parameters(parameters, grads, learning_rate)\n",
                "        grads = L_model_backward(AL, Y, caches)\n")]},
    {"cell": "two_layer_model", "name": "cost_every_iteration",
     "says": "appends the cost at every iteration instead of every 100 iterations", "hint": None,
     "patch": [('        W1, b1, W2, b2 = (parameters[k] for k in ("W1", "b1", "W2", "b2"))\n'
                '        A1, cache1 = linear_activation_forward(X, W1, b1, "relu")\n'
                '        A2, cache2 = linear_activation_forward(A1, W2, b2, "sigmoid")\n',
                '        A1, cache1 = linear_activation_forward(X, parameters["W1"], parameters["b1"], "relu")\n'
                '        A2, cache2 = linear_activation_forward(A1, parameters["W2"], parameters["b2"], "sigmoid")\n'),
               ("        dA2 = -(np.divide(Y, A2) - np.divide(1 - Y, 1 - A2))\n",
                "        costs.append(cost)\n"
                "        dA2 = -(np.divide(Y, A2) - np.divide(1 - Y, 1 - A2))\n"),
               ("        if i % 100 == 0:\n"
                "            costs.append(cost)\n"
                "            if print_cost:\n"
                '                print(f"Cost after iteration {i}: {cost:.6f}")\n',
                "        if print_cost and i % 100 == 0:\n"
                '            print(f"Cost after iteration {i}: {cost}")\n')]},
    {"cell": "two_layer_model", "name": "counts_from_one",
     "says": "counts iterations from 1 (range(1, num_iterations + 1)), so the costs are recorded after 100, 200, ... updates and the cost of the initial parameters is missing",
     "hint": None,
     "patch": [("    for i in range(num_iterations):\n"
                '        W1, b1, W2, b2 = (parameters[k] for k in ("W1", "b1", "W2", "b2"))\n'
                '        A1, cache1 = linear_activation_forward(X, W1, b1, "relu")\n'
                '        A2, cache2 = linear_activation_forward(A1, W2, b2, "sigmoid")\n',
                "    for i in range(1, num_iterations + 1):\n"
                '        A1, cache1 = linear_activation_forward(X, parameters["W1"], parameters["b1"], "relu")\n'
                '        A2, cache2 = linear_activation_forward(A1, parameters["W2"], parameters["b2"], "sigmoid")\n')]},
    {"cell": "two_layer_model", "name": "dA2_sign",
     "says": "forgets the minus sign of dA2, so gradient descent climbs the cost", "hint": None,
     "patch": [('        W1, b1, W2, b2 = (parameters[k] for k in ("W1", "b1", "W2", "b2"))\n'
                '        A1, cache1 = linear_activation_forward(X, W1, b1, "relu")\n'
                '        A2, cache2 = linear_activation_forward(A1, W2, b2, "sigmoid")\n',
                '        A1, cache1 = linear_activation_forward(X, parameters["W1"], parameters["b1"], "relu")\n'
                '        A2, cache2 = linear_activation_forward(A1, parameters["W2"], parameters["b2"], "sigmoid")\n'),
               ("        dA2 = -(np.divide(Y, A2) - np.divide(1 - Y, 1 - A2))\n",
                "        dA2 = np.divide(Y, A2) - np.divide(1 - Y, 1 - A2)\n")]},
    {"cell": "two_layer_model", "name": "fixed_learning_rate",
     "says": "ignores the learning_rate argument and always steps with 0.0075", "hint": None,
     "patch": [('        W1, b1, W2, b2 = (parameters[k] for k in ("W1", "b1", "W2", "b2"))\n'
                '        A1, cache1 = linear_activation_forward(X, W1, b1, "relu")\n'
                '        A2, cache2 = linear_activation_forward(A1, W2, b2, "sigmoid")\n',
                '        A1, cache1 = linear_activation_forward(X, parameters["W1"], parameters["b1"], "relu")\n'
                '        A2, cache2 = linear_activation_forward(A1, parameters["W2"], parameters["b2"], "sigmoid")\n'),
               ("        parameters = update_parameters(parameters, grads, learning_rate)\n",
                "        parameters = update_parameters(parameters, grads, 0.0075)\n")]},
    {"cell": "two_layer_model", "name": "init_inside_loop",
     "says": "initialises the parameters inside the loop, so every iteration starts again from the initial weights",
     "hint": None,
     "patch": [("    parameters = initialize_parameters(n_x, n_h, n_y)\n",
                ""),
               ('        W1, b1, W2, b2 = (parameters[k] for k in ("W1", "b1", "W2", "b2"))\n'
                '        A1, cache1 = linear_activation_forward(X, W1, b1, "relu")\n'
                '        A2, cache2 = linear_activation_forward(A1, W2, b2, "sigmoid")\n',
                "        parameters = initialize_parameters(n_x, n_h, n_y)\n"
                '        A1, cache1 = linear_activation_forward(X, parameters["W1"], parameters["b1"], "relu")\n'
                '        A2, cache2 = linear_activation_forward(A1, parameters["W2"], parameters["b2"], "sigmoid")\n')]},
    {"cell": "two_layer_model", "name": "relu_output",
     "says": "uses ReLU for the output layer too (forward and backward), so A2 can be exactly 0",
     "hint": None,
     "patch": [('        W1, b1, W2, b2 = (parameters[k] for k in ("W1", "b1", "W2", "b2"))\n'
                '        A1, cache1 = linear_activation_forward(X, W1, b1, "relu")\n'
                '        A2, cache2 = linear_activation_forward(A1, W2, b2, "sigmoid")\n',
                '        A1, cache1 = linear_activation_forward(X, parameters["W1"], parameters["b1"], "relu")\n'
                '        A2, cache2 = linear_activation_forward(A1, parameters["W2"], parameters["b2"], "relu")\n'),
               ('        dA1, dW2, db2 = linear_activation_backward(dA2, cache2, "sigmoid")\n',
                '        dA1, dW2, db2 = linear_activation_backward(dA2, cache2, "relu")\n')]},
    {"cell": "two_layer_model", "name": "sigmoid_hidden_backward",
     "says": 'back-propagates through the hidden layer with "sigmoid" although it used "relu" in the forward pass',
     "hint": None,
     "patch": [('        W1, b1, W2, b2 = (parameters[k] for k in ("W1", "b1", "W2", "b2"))\n'
                '        A1, cache1 = linear_activation_forward(X, W1, b1, "relu")\n'
                '        A2, cache2 = linear_activation_forward(A1, W2, b2, "sigmoid")\n',
                '        A1, cache1 = linear_activation_forward(X, parameters["W1"], parameters["b1"], "relu")\n'
                '        A2, cache2 = linear_activation_forward(A1, parameters["W2"], parameters["b2"], "sigmoid")\n'),
               ('        dA0, dW1, db1 = linear_activation_backward(dA1, cache1, "relu")\n',
                '        dA0, dW1, db1 = linear_activation_backward(dA1, cache1, "sigmoid")\n')]},
    {"cell": "two_layer_model", "name": "sigmoid_hidden_layer",
     "says": 'uses "sigmoid" for the hidden layer too (in both passes); only the output is a sigmoid',
     "hint": None,
     "patch": [('        W1, b1, W2, b2 = (parameters[k] for k in ("W1", "b1", "W2", "b2"))\n'
                '        A1, cache1 = linear_activation_forward(X, W1, b1, "relu")\n'
                '        A2, cache2 = linear_activation_forward(A1, W2, b2, "sigmoid")\n',
                '        A1, cache1 = linear_activation_forward(X, parameters["W1"], parameters["b1"], "sigmoid")\n'
                '        A2, cache2 = linear_activation_forward(A1, parameters["W2"], parameters["b2"], "sigmoid")\n'),
               ('        dA0, dW1, db1 = linear_activation_backward(dA1, cache1, "relu")\n',
                '        dA0, dW1, db1 = linear_activation_backward(dA1, cache1, "sigmoid")\n')]},
    {"cell": "two_layer_model", "name": "update_not_assigned",
     "says": "calls update_parameters but throws its result away (it returns a new dict), so the parameters never change",
     "hint": None,
     "patch": [('        W1, b1, W2, b2 = (parameters[k] for k in ("W1", "b1", "W2", "b2"))\n'
                '        A1, cache1 = linear_activation_forward(X, W1, b1, "relu")\n'
                '        A2, cache2 = linear_activation_forward(A1, W2, b2, "sigmoid")\n',
                '        A1, cache1 = linear_activation_forward(X, parameters["W1"], parameters["b1"], "relu")\n'
                '        A2, cache2 = linear_activation_forward(A1, parameters["W2"], parameters["b2"], "sigmoid")\n'),
               ("        parameters = update_parameters(parameters, grads, learning_rate)\n",
                "        update_parameters(parameters, grads, learning_rate)\n")]},
]
