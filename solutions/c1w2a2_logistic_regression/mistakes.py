"""Known mistakes in c1w2a2_logistic_regression: read by autograder/mistakes.py (see CONTRIBUTING.md, "Mistakes").

Plain data, never executed.  Each patch is a list of (old, new) replacements applied in order to
the solution cell's source; the self-test proves that every mistake loses points.
"""

MISTAKES = [
    {"cell": "initialize_with_zeros", "name": "b_array",
     "says": "b is a (1, 1) array instead of the number 0.0", "hint": None,
     "patch": [("    b = 0.0\n",
                "    b = np.zeros((1, 1))\n")]},
    {"cell": "initialize_with_zeros", "name": "flat_w",
     "says": "np.zeros(dim) gives a 1-D array of shape (dim,), not a column (dim, 1)", "hint": None,
     "patch": [("    w = np.zeros((dim, 1))\n",
                "    w = np.zeros(dim)\n")]},
    {"cell": "initialize_with_zeros", "name": "int_w",
     "says": "w holds integer zeros; every later update of w would be truncated or fail", "hint": None,
     "patch": [("    w = np.zeros((dim, 1))\n",
                "    w = np.zeros((dim, 1), dtype=int)\n")]},
    {"cell": "initialize_with_zeros", "name": "row_w",
     "says": "w is a row (1, dim) instead of a column (dim, 1)", "hint": None,
     "patch": [("    w = np.zeros((dim, 1))\n",
                "    w = np.zeros((1, dim))\n")]},
    {"cell": "model", "name": "dim_from_m",
     "says": "w gets one weight per training example (X_train.shape[1]) instead of one per feature",
     "hint": None,
     "patch": [("    w, b = initialize_with_zeros(X_train.shape[0])\n",
                "    w, b = initialize_with_zeros(X_train.shape[1])\n")]},
    {"cell": "model", "name": "ignores_hyperparameters",
     "says": "calls optimize without num_iterations and learning_rate, so its defaults are used",
     "hint": None,
     "patch": [("    params, grads, costs = optimize(w, b, X_train, Y_train, num_iterations=num_iterations,\n"
                "                                    learning_rate=learning_rate, print_cost=print_cost)\n",
                "    params, grads, costs = optimize(w, b, X_train, Y_train, print_cost=print_cost)\n")]},
    {"cell": "model", "name": "swapped_predictions",
     "says": "the train and test predictions are swapped", "hint": None,
     "patch": [("    Y_prediction_test = predict(w, b, X_test)\n"
                "    Y_prediction_train = predict(w, b, X_train)\n"
                "    ### END SOLUTION\n"
                "    if print_cost:\n"
                '        print(f"train accuracy: {100 * np.mean(Y_prediction_train == Y_train):.2f} %")\n'
                '        print(f"test accuracy:  {100 * np.mean(Y_prediction_test == Y_test):.2f} %")\n'
                '    d = {"costs": costs,\n'
                '         "Y_prediction_test": Y_prediction_test,\n'
                '         "Y_prediction_train": Y_prediction_train,\n'
                '         "w": w,\n'
                '         "b": b,\n'
                '         "learning_rate": learning_rate,\n'
                '         "num_iterations": num_iterations}\n',
                "    Y_prediction_test = predict(w, b, X_train)\n"
                "    Y_prediction_train = predict(w, b, X_test)\n"
                '    d = {"costs": costs, "Y_prediction_test": Y_prediction_test,\n'
                '         "Y_prediction_train": Y_prediction_train, "w": w, "b": b,\n'
                '         "learning_rate": learning_rate, "num_iterations": num_iterations}\n')]},
    {"cell": "model", "name": "trains_on_test",
     "says": "optimizes on the test set instead of the training set", "hint": None,
     "patch": [("    w, b = initialize_with_zeros(X_train.shape[0])\n"
                "    params, grads, costs = optimize(w, b, X_train, Y_train, num_iterations=num_iterations,\n",
                "    w, b = initialize_with_zeros(X_test.shape[0])\n"
                "    params, grads, costs = optimize(w, b, X_test, Y_test, num_iterations=num_iterations,\n")]},
    {"cell": "model", "name": "untrained_parameters",
     "says": "never takes w and b out of params, so it predicts with the initial zeros",
     "hint": None,
     "patch": [('    w = params["w"]\n'
                '    b = params["b"]\n',
                "")]},
    {"cell": "optimize", "name": "b_not_updated",
     "says": "only w is updated; the bias stays at its initial value", "hint": None,
     "patch": [('        b = b - learning_rate * grads["db"]\n',
                "")]},
    {"cell": "optimize", "name": "cost_every_iteration",
     "says": "records the cost at every iteration instead of every 100", "hint": None,
     "patch": [("        if i % 100 == 0:\n"
                "            costs.append(cost)\n"
                "            if print_cost:\n"
                '                print(f"Cost after iteration {i}: {cost:f}")\n',
                "        costs.append(cost)\n"
                "        if print_cost and i % 100 == 0:\n"
                '            print(f"Cost after iteration {i}: {cost:f}")\n')]},
    {"cell": "optimize", "name": "gradient_ascent",
     "says": "steps along the gradient (w + alpha dw) instead of against it", "hint": None,
     "patch": [('        w = w - learning_rate * grads["dw"]\n'
                '        b = b - learning_rate * grads["db"]\n',
                '        w = w + learning_rate * grads["dw"]\n'
                '        b = b + learning_rate * grads["db"]\n')]},
    {"cell": "optimize", "name": "in_place",
     "says": "no copy and `w -= ...`: the caller's array is overwritten with the trained weights",
     "hint": None,
     "patch": [("    w = copy.deepcopy(w)     # work on a copy: the caller's array must not change\n"
                "    b = float(b)\n",
                ""),
               ('        w = w - learning_rate * grads["dw"]\n'
                '        b = b - learning_rate * grads["db"]\n',
                '        w -= learning_rate * grads["dw"]\n'
                '        b -= learning_rate * grads["db"]\n')]},
    {"cell": "optimize", "name": "off_by_one",
     "says": "counts iterations from 1, so the cost of iteration 0 is never recorded", "hint": None,
     "patch": [("    for i in range(num_iterations):\n",
                "    for i in range(1, num_iterations + 1):\n")]},
    {"cell": "optimize", "name": "stale_gradients",
     "says": "propagate is called once before the loop, so every step reuses the first gradients",
     "hint": None,
     "patch": [("    for i in range(num_iterations):\n",
                "    grads, cost = propagate(w, b, X, Y)\n"
                "    for i in range(num_iterations):\n"),
               ("        grads, cost = propagate(w, b, X, Y)\n",
                "")]},
    {"cell": "predict", "name": "booleans",
     "says": "returns the boolean array A > 0.5 instead of floats 0.0 and 1.0", "hint": None,
     "patch": [("    Y_prediction = (A > 0.5).astype(float)\n",
                "    Y_prediction = A > 0.5\n")]},
    {"cell": "predict", "name": "flat",
     "says": "fills a 1-D array of shape (m,) instead of a row (1, m)", "hint": None,
     "patch": [("    A = sigmoid(w.T @ X + b)\n",
                "    m = X.shape[1]\n"
                "    Y_prediction = np.zeros(m)\n"
                "    A = sigmoid(w.T @ X + b)\n"),
               ("    Y_prediction = (A > 0.5).astype(float)\n",
                "    for i in range(m):\n"
                "        Y_prediction[i] = 1.0 if A[0, i] > 0.5 else 0.0\n")]},
    {"cell": "predict", "name": "no_bias",
     "says": "forgot the bias: A = sigmoid(w^T X)", "hint": None,
     "patch": [("    A = sigmoid(w.T @ X + b)\n",
                "    A = sigmoid(w.T @ X)\n")]},
    {"cell": "predict", "name": "probabilities",
     "says": "returns the probabilities A without thresholding them", "hint": None,
     "patch": [("    Y_prediction = (A > 0.5).astype(float)\n",
                "    Y_prediction = A\n")]},
    {"cell": "predict", "name": "threshold_ge",
     "says": "a probability of exactly 0.5 is predicted as 1 (>= instead of >)", "hint": None,
     "patch": [("    Y_prediction = (A > 0.5).astype(float)\n",
                "    Y_prediction = (A >= 0.5).astype(float)\n")]},
    {"cell": "propagate", "name": "cost_matrix",
     "says": "the cost written with matrix products is a (1, 1) array, not a number", "hint": None,
     "patch": [("    A = sigmoid(w.T @ X + b)                                       # (1, m)\n"
                "    cost = -np.sum(Y * np.log(A) + (1 - Y) * np.log(1 - A)) / m\n",
                "    A = sigmoid(np.dot(w.T, X) + b)\n"
                "    cost = -(np.dot(Y, np.log(A).T) + np.dot(1 - Y, np.log(1 - A).T)) / m\n"),
               ("    dw = X @ dZ.T / m                                              # (n_x, 1)\n",
                "    dw = np.dot(X, dZ.T) / m\n")]},
    {"cell": "propagate", "name": "cost_no_minus",
     "says": "the cost lacks its leading minus sign (it is the log-likelihood, not its negative)",
     "hint": None,
     "patch": [("    cost = -np.sum(Y * np.log(A) + (1 - Y) * np.log(1 - A)) / m\n",
                "    cost = np.sum(Y * np.log(A) + (1 - Y) * np.log(1 - A)) / m\n")]},
    {"cell": "propagate", "name": "cost_not_averaged",
     "says": "the cost is the sum of the losses, not their mean", "hint": None,
     "patch": [("    cost = -np.sum(Y * np.log(A) + (1 - Y) * np.log(1 - A)) / m\n",
                "    cost = -np.sum(Y * np.log(A) + (1 - Y) * np.log(1 - A))\n")]},
    {"cell": "propagate", "name": "dz_sign",
     "says": "dZ = Y - A instead of A - Y, so both gradients have the wrong sign", "hint": None,
     "patch": [("    dZ = A - Y                                                     # (1, m)\n",
                "    dZ = Y - A\n")]},
    {"cell": "propagate", "name": "elementwise_dw",
     "says": "X * (A - Y) is an elementwise product (n_x, m); the sum over examples is missing",
     "hint": None,
     "patch": [("    dw = X @ dZ.T / m                                              # (n_x, 1)\n",
                "    dw = X * dZ / m\n")]},
    {"cell": "propagate", "name": "no_bias",
     "says": "forgot the bias in the forward pass: A = sigmoid(w^T X)", "hint": None,
     "patch": [("    A = sigmoid(w.T @ X + b)                                       # (1, m)\n",
                "    A = sigmoid(w.T @ X)\n")]},
    {"cell": "propagate", "name": "no_divide_by_m",
     "says": "the gradients are sums over the examples, not averages (no 1/m)", "hint": None,
     "patch": [("    dw = X @ dZ.T / m                                              # (n_x, 1)\n"
                "    db = np.sum(dZ) / m\n",
                "    dw = X @ dZ.T\n"
                "    db = np.sum(dZ)\n")]},
    {"cell": "propagate", "name": "transposed_dw",
     "says": "computes dw as (A - Y) @ X.T, a row (1, n_x) instead of a column (n_x, 1)",
     "hint": None,
     "patch": [("    dw = X @ dZ.T / m                                              # (n_x, 1)\n",
                "    dw = dZ @ X.T / m\n")]},
    {"cell": "sigmoid", "name": "math_exp",
     "says": "uses math.exp, which accepts a single number only, not an array", "hint": None,
     "patch": [("def sigmoid(z):\n",
                "import math\n"
                "def sigmoid(z):\n"),
               ("    s = 1 / (1 + np.exp(-z))\n",
                "    s = 1 / (1 + math.exp(-z))\n")]},
    {"cell": "sigmoid", "name": "precedence",
     "says": "missing brackets: 1 / 1 + exp(-z) is 1 + exp(-z)", "hint": None,
     "patch": [("    s = 1 / (1 + np.exp(-z))\n",
                "    s = 1 / 1 + np.exp(-z)\n")]},
    {"cell": "sigmoid", "name": "wrong_sign",
     "says": "forgot the minus sign in the exponent (computes 1 - sigma(z))", "hint": None,
     "patch": [("    s = 1 / (1 + np.exp(-z))\n",
                "    s = 1 / (1 + np.exp(z))\n")]},
]
