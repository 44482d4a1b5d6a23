"""Known mistakes in c2w1a2_regularization: read by autograder/mistakes.py (see CONTRIBUTING.md, "Mistakes").

Plain data, never executed.  Each patch is a list of (old, new) replacements applied in order to
the solution cell's source; the self-test proves that every mistake loses points.
"""

MISTAKES = [
    {"cell": "backward_propagation_with_dropout", "name": "layer_1_forgotten",
     "says": "applies dropout to dA2 only; dA1 is not masked or scaled", "hint": None,
     "patch": [("    dA1 = dA1 * D1\n"
                "    dA1 = dA1 / keep_prob\n",
                "")]},
    {"cell": "backward_propagation_with_dropout", "name": "masks_not_applied",
     "says": "the masks are left out: the gradients of the full network, only scaled", "hint": None,
     "patch": [("    dA2 = dA2 * D2\n",
                ""),
               ("    dA1 = dA1 * D1\n",
                "")]},
    {"cell": "backward_propagation_with_dropout", "name": "masks_swapped",
     "says": "uses D1 for layer 2 and D2 for layer 1", "hint": None,
     "patch": [("    dA2 = dA2 * D2\n"
                "    dA2 = dA2 / keep_prob\n",
                "    dA2 = dA2 * D1 / keep_prob\n"),
               ("    dA1 = dA1 * D1\n"
                "    dA1 = dA1 / keep_prob\n",
                "    dA1 = dA1 * D2 / keep_prob\n")]},
    {"cell": "backward_propagation_with_dropout", "name": "new_masks_drawn",
     "says": "draws new masks in the backward pass instead of reusing those of the cache",
     "hint": None,
     "patch": [("    dA2 = dA2 * D2\n"
                "    dA2 = dA2 / keep_prob\n",
                "    D2 = np.random.rand(dA2.shape[0], dA2.shape[1]) < keep_prob\n"
                "    dA2 = dA2 * D2 / keep_prob\n"),
               ("    dA1 = dA1 * D1\n"
                "    dA1 = dA1 / keep_prob\n",
                "    D1 = np.random.rand(dA1.shape[0], dA1.shape[1]) < keep_prob\n"
                "    dA1 = dA1 * D1 / keep_prob\n")]},
    {"cell": "backward_propagation_with_dropout", "name": "not_scaled",
     "says": "applies the masks but does not divide by keep_prob", "hint": None,
     "patch": [("    dA2 = dA2 / keep_prob\n",
                ""),
               ("    dA1 = dA1 / keep_prob\n",
                "")]},
    {"cell": "backward_propagation_with_dropout", "name": "scaled_by_1_minus_keep_prob",
     "says": "divides by the drop probability 1 - keep_prob instead of keep_prob", "hint": None,
     "patch": [("    dA2 = dA2 * D2\n"
                "    dA2 = dA2 / keep_prob\n",
                "    dA2 = dA2 * D2 / (1 - keep_prob)\n"),
               ("    dA1 = dA1 * D1\n"
                "    dA1 = dA1 / keep_prob\n",
                "    dA1 = dA1 * D1 / (1 - keep_prob)\n")]},
    {"cell": "backward_propagation_with_regularization", "name": "biases_regularized",
     "says": "also adds (lambd / m) * b to every db", "hint": None,
     "patch": [("    db3 = 1. / m * np.sum(dZ3, axis=1, keepdims=True)\n",
                "    db3 = 1. / m * np.sum(dZ3, axis=1, keepdims=True) + lambd / m * b3\n"),
               ("    db2 = 1. / m * np.sum(dZ2, axis=1, keepdims=True)\n",
                "    db2 = 1. / m * np.sum(dZ2, axis=1, keepdims=True) + lambd / m * b2\n"),
               ("    db1 = 1. / m * np.sum(dZ1, axis=1, keepdims=True)\n",
                "    db1 = 1. / m * np.sum(dZ1, axis=1, keepdims=True) + lambd / m * b1\n")]},
    {"cell": "backward_propagation_with_regularization", "name": "dW1_term_forgotten",
     "says": "the regularization term of the first layer (dW1) is forgotten", "hint": None,
     "patch": [("    dW1 = 1. / m * np.dot(dZ1, X.T) + lambd / m * W1\n",
                "    dW1 = 1. / m * np.dot(dZ1, X.T)\n")]},
    {"cell": "backward_propagation_with_regularization", "name": "factor_one_half_kept",
     "says": "kept the 1/2 of the cost: adds lambd / (2 m) * W, but the derivative of W^2 is 2 W",
     "hint": None,
     "patch": [("    dW3 = 1. / m * np.dot(dZ3, A2.T) + lambd / m * W3\n",
                "    dW3 = 1. / m * np.dot(dZ3, A2.T) + lambd / (2 * m) * W3\n"),
               ("    dW2 = 1. / m * np.dot(dZ2, A1.T) + lambd / m * W2\n",
                "    dW2 = 1. / m * np.dot(dZ2, A1.T) + lambd / (2 * m) * W2\n"),
               ("    dW1 = 1. / m * np.dot(dZ1, X.T) + lambd / m * W1\n",
                "    dW1 = 1. / m * np.dot(dZ1, X.T) + lambd / (2 * m) * W1\n")]},
    {"cell": "backward_propagation_with_regularization", "name": "lambd_times_W_without_1_over_m",
     "says": "adds lambd * W instead of (lambd / m) * W", "hint": None,
     "patch": [("    dW3 = 1. / m * np.dot(dZ3, A2.T) + lambd / m * W3\n",
                "    dW3 = 1. / m * np.dot(dZ3, A2.T) + lambd * W3\n"),
               ("    dW2 = 1. / m * np.dot(dZ2, A1.T) + lambd / m * W2\n",
                "    dW2 = 1. / m * np.dot(dZ2, A1.T) + lambd * W2\n"),
               ("    dW1 = 1. / m * np.dot(dZ1, X.T) + lambd / m * W1\n",
                "    dW1 = 1. / m * np.dot(dZ1, X.T) + lambd * W1\n")]},
    {"cell": "backward_propagation_with_regularization", "name": "no_regularization_term",
     "says": "the (lambd / m) W terms are left out: these are the plain gradients", "hint": None,
     "patch": [("    dW3 = 1. / m * np.dot(dZ3, A2.T) + lambd / m * W3\n",
                "    dW3 = 1. / m * np.dot(dZ3, A2.T)\n"),
               ("    dW2 = 1. / m * np.dot(dZ2, A1.T) + lambd / m * W2\n",
                "    dW2 = 1. / m * np.dot(dZ2, A1.T)\n"),
               ("    dW1 = 1. / m * np.dot(dZ1, X.T) + lambd / m * W1\n",
                "    dW1 = 1. / m * np.dot(dZ1, X.T)\n")]},
    {"cell": "compute_cost_with_regularization", "name": "W3_forgotten",
     "says": "only W1 and W2 are penalised; the output layer's W3 is forgotten", "hint": None,
     "patch": [('    W1 = parameters["W1"]\n'
                '    W2 = parameters["W2"]\n'
                '    W3 = parameters["W3"]\n',
                '    W1, W2 = parameters["W1"], parameters["W2"]\n'),
               ("    L2_regularization_cost = lambd / (2 * m) * (np.sum(np.square(W1)) + np.sum(np.square(W2))\n"
                "                                                + np.sum(np.square(W3)))\n"
                "    ### END SOLUTION\n"
                "    cost = cross_entropy_cost + L2_regularization_cost\n"
                "    return cost",
                "    L2_regularization_cost = lambd / (2 * m) * (np.sum(np.square(W1)) + np.sum(np.square(W2)))\n"
                "    return cross_entropy_cost + L2_regularization_cost")]},
    {"cell": "compute_cost_with_regularization", "name": "biases_regularized",
     "says": "every parameter is penalised, the biases b1, b2, b3 too", "hint": None,
     "patch": [('    W1 = parameters["W1"]\n'
                '    W2 = parameters["W2"]\n'
                '    W3 = parameters["W3"]\n',
                ""),
               ("    L2_regularization_cost = lambd / (2 * m) * (np.sum(np.square(W1)) + np.sum(np.square(W2))\n"
                "                                                + np.sum(np.square(W3)))\n"
                "    ### END SOLUTION\n"
                "    cost = cross_entropy_cost + L2_regularization_cost\n"
                "    return cost",
                "    L2_regularization_cost = lambd / (2 * m) * sum(np.sum(np.square(v))\n"
                "                                                   for v in parameters.values())\n"
                "    return cross_entropy_cost + L2_regularization_cost")]},
    {"cell": "compute_cost_with_regularization", "name": "lambd_over_m_not_2m",
     "says": "the L2 term uses lambd / m instead of lambd / (2 m) (the 1/2 is forgotten)", "hint": None,
     "patch": [('    W1 = parameters["W1"]\n'
                '    W2 = parameters["W2"]\n'
                '    W3 = parameters["W3"]\n',
                '    W1, W2, W3 = parameters["W1"], parameters["W2"], parameters["W3"]\n'),
               ("    L2_regularization_cost = lambd / (2 * m) * (np.sum(np.square(W1)) + np.sum(np.square(W2))\n"
                "                                                + np.sum(np.square(W3)))\n"
                "    ### END SOLUTION\n"
                "    cost = cross_entropy_cost + L2_regularization_cost\n"
                "    return cost",
                "    L2_regularization_cost = lambd / m * (np.sum(np.square(W1)) + np.sum(np.square(W2))\n"
                "                                          + np.sum(np.square(W3)))\n"
                "    return cross_entropy_cost + L2_regularization_cost")]},
    {"cell": "compute_cost_with_regularization", "name": "no_1_over_m",
     "says": "the L2 term is lambd / 2 * sum ||W||^2, without dividing by m", "hint": None,
     "patch": [('    W1 = parameters["W1"]\n'
                '    W2 = parameters["W2"]\n'
                '    W3 = parameters["W3"]\n',
                '    W1, W2, W3 = parameters["W1"], parameters["W2"], parameters["W3"]\n'),
               ("    L2_regularization_cost = lambd / (2 * m) * (np.sum(np.square(W1)) + np.sum(np.square(W2))\n"
                "                                                + np.sum(np.square(W3)))\n"
                "    ### END SOLUTION\n"
                "    cost = cross_entropy_cost + L2_regularization_cost\n"
                "    return cost",
                "    L2_regularization_cost = lambd / 2 * (np.sum(np.square(W1)) + np.sum(np.square(W2))\n"
                "                                          + np.sum(np.square(W3)))\n"
                "    return cross_entropy_cost + L2_regularization_cost")]},
    {"cell": "compute_cost_with_regularization", "name": "no_lambd_over_2",
     "says": "the L2 term is (1 / m) * sum ||W||^2: the factor lambd / 2 is missing", "hint": None,
     "patch": [('    W1 = parameters["W1"]\n'
                '    W2 = parameters["W2"]\n'
                '    W3 = parameters["W3"]\n',
                '    W1, W2, W3 = parameters["W1"], parameters["W2"], parameters["W3"]\n'),
               ("    L2_regularization_cost = lambd / (2 * m) * (np.sum(np.square(W1)) + np.sum(np.square(W2))\n"
                "                                                + np.sum(np.square(W3)))\n"
                "    ### END SOLUTION\n"
                "    cost = cross_entropy_cost + L2_regularization_cost\n"
                "    return cost",
                "    L2_regularization_cost = 1 / m * (np.sum(np.square(W1)) + np.sum(np.square(W2))\n"
                "                                      + np.sum(np.square(W3)))\n"
                "    return cross_entropy_cost + L2_regularization_cost")]},
    {"cell": "compute_cost_with_regularization", "name": "norm_not_squared",
     "says": "np.linalg.norm(W) is the Frobenius norm itself; the cost needs its square",
     "hint": None,
     "patch": [('    W1 = parameters["W1"]\n'
                '    W2 = parameters["W2"]\n'
                '    W3 = parameters["W3"]\n',
                '    W1, W2, W3 = parameters["W1"], parameters["W2"], parameters["W3"]\n'),
               ("    L2_regularization_cost = lambd / (2 * m) * (np.sum(np.square(W1)) + np.sum(np.square(W2))\n"
                "                                                + np.sum(np.square(W3)))\n"
                "    ### END SOLUTION\n"
                "    cost = cross_entropy_cost + L2_regularization_cost\n"
                "    return cost",
                "    L2_regularization_cost = lambd / (2 * m) * (np.linalg.norm(W1) + np.linalg.norm(W2)\n"
                "                                                + np.linalg.norm(W3))\n"
                "    return cross_entropy_cost + L2_regularization_cost")]},
    {"cell": "compute_cost_with_regularization", "name": "square_of_sum",
     "says": "squares the sum of the entries, np.square(np.sum(W)), instead of summing their squares",
     "hint": None,
     "patch": [('    W1 = parameters["W1"]\n'
                '    W2 = parameters["W2"]\n'
                '    W3 = parameters["W3"]\n',
                '    W1, W2, W3 = parameters["W1"], parameters["W2"], parameters["W3"]\n'),
               ("    L2_regularization_cost = lambd / (2 * m) * (np.sum(np.square(W1)) + np.sum(np.square(W2))\n"
                "                                                + np.sum(np.square(W3)))\n"
                "    ### END SOLUTION\n"
                "    cost = cross_entropy_cost + L2_regularization_cost\n"
                "    return cost",
                "    L2_regularization_cost = lambd / (2 * m) * (np.square(np.sum(W1)) + np.square(np.sum(W2))\n"
                "                                                + np.square(np.sum(W3)))\n"
                "    return cross_entropy_cost + L2_regularization_cost")]},
    {"cell": "forward_propagation_with_dropout", "name": "D2_with_the_shape_of_A1",
     "says": "copy-pasted layer 1's code: D2 is drawn with the shape of A1", "hint": None,
     "patch": [("    D2 = np.random.rand(A2.shape[0], A2.shape[1])\n",
                "    D2 = np.random.rand(A1.shape[0], A1.shape[1])\n")]},
    {"cell": "forward_propagation_with_dropout", "name": "cache_holds_activations_before_dropout",
     "says": "stores A1 and A2 in the cache before masking and scaling", "hint": None,
     "patch": [("    D1 = np.random.rand(A1.shape[0], A1.shape[1])\n"
                "    D1 = D1 < keep_prob\n"
                "    A1 = A1 * D1\n"
                "    A1 = A1 / keep_prob\n"
                "    ### END SOLUTION\n"
                "    Z2 = np.dot(W2, A1) + b2\n",
                "    D1 = np.random.rand(A1.shape[0], A1.shape[1]) < keep_prob\n"
                "    A1_dropped = A1 * D1 / keep_prob\n"
                "    Z2 = np.dot(W2, A1_dropped) + b2\n"),
               ("    D2 = np.random.rand(A2.shape[0], A2.shape[1])\n"
                "    D2 = D2 < keep_prob\n"
                "    A2 = A2 * D2\n"
                "    A2 = A2 / keep_prob\n"
                "    ### END SOLUTION\n"
                "    Z3 = np.dot(W3, A2) + b3\n",
                "    D2 = np.random.rand(A2.shape[0], A2.shape[1]) < keep_prob\n"
                "    A2_dropped = A2 * D2 / keep_prob\n"
                "    Z3 = np.dot(W3, A2_dropped) + b3\n")]},
    {"cell": "forward_propagation_with_dropout", "name": "drop_probability_swapped",
     "says": "keeps a unit when rand > keep_prob, i.e. with probability 1 - keep_prob",
     "hint": None,
     "patch": [("    D1 = D1 < keep_prob\n",
                "    D1 = D1 > keep_prob\n"),
               ("    D2 = D2 < keep_prob\n",
                "    D2 = D2 > keep_prob\n")]},
    {"cell": "forward_propagation_with_dropout", "name": "mask_scaled_in_cache",
     "says": "the masks themselves are divided by keep_prob (the activations come out right, but the cache holds D = 0 or 1/keep_prob instead of the 0/1 masks the backward pass expects)",
     "hint": None,
     "patch": [("    D1 = D1 < keep_prob\n",
                "    D1 = (D1 < keep_prob) / keep_prob\n"),
               ("    A1 = A1 / keep_prob\n",
                ""),
               ("    D2 = D2 < keep_prob\n",
                "    D2 = (D2 < keep_prob) / keep_prob\n"),
               ("    A2 = A2 / keep_prob\n",
                "")]},
    {"cell": "forward_propagation_with_dropout", "name": "masks_drawn_before_the_seed",
     "says": "draws the masks at the top, before np.random.seed(seed)", "hint": None,
     "patch": [("    np.random.seed(seed)   # keep this line first: the tests expect these random numbers\n",
                "    D1 = np.random.rand(parameters['W1'].shape[0], X.shape[1]) < keep_prob\n"
                "    D2 = np.random.rand(parameters['W2'].shape[0], X.shape[1]) < keep_prob\n"
                "    np.random.seed(seed)   # keep this line first: the tests expect these random numbers\n"),
               ("    D1 = np.random.rand(A1.shape[0], A1.shape[1])\n"
                "    D1 = D1 < keep_prob\n"
                "    A1 = A1 * D1\n"
                "    A1 = A1 / keep_prob\n",
                "    A1 = A1 * D1 / keep_prob\n"),
               ("    D2 = np.random.rand(A2.shape[0], A2.shape[1])\n"
                "    D2 = D2 < keep_prob\n"
                "    A2 = A2 * D2\n"
                "    A2 = A2 / keep_prob\n",
                "    A2 = A2 * D2 / keep_prob\n")]},
    {"cell": "forward_propagation_with_dropout", "name": "multiplied_by_keep_prob",
     "says": "multiplies the kept activations by keep_prob instead of dividing", "hint": None,
     "patch": [("    A1 = A1 / keep_prob\n",
                "    A1 = A1 * keep_prob\n"),
               ("    A2 = A2 / keep_prob\n",
                "    A2 = A2 * keep_prob\n")]},
    {"cell": "forward_propagation_with_dropout", "name": "not_scaled",
     "says": "the kept activations are not divided by keep_prob (plain, not inverted, dropout)",
     "hint": None,
     "patch": [("    A1 = A1 / keep_prob\n",
                ""),
               ("    A2 = A2 / keep_prob\n",
                "")]},
    {"cell": "forward_propagation_with_dropout", "name": "one_mask_per_unit",
     "says": "draws one mask value per unit, shape (n, 1), shared by all the examples",
     "hint": None,
     "patch": [("    D1 = np.random.rand(A1.shape[0], A1.shape[1])\n",
                "    D1 = np.random.rand(A1.shape[0], 1)\n"),
               ("    D2 = np.random.rand(A2.shape[0], A2.shape[1])\n",
                "    D2 = np.random.rand(A2.shape[0], 1)\n")]},
    {"cell": "forward_propagation_with_dropout", "name": "randn_instead_of_rand",
     "says": "draws the masks with np.random.randn (normal) instead of np.random.rand (uniform)",
     "hint": None,
     "patch": [("    D1 = np.random.rand(A1.shape[0], A1.shape[1])\n",
                "    D1 = np.random.randn(A1.shape[0], A1.shape[1])\n"),
               ("    D2 = np.random.rand(A2.shape[0], A2.shape[1])\n",
                "    D2 = np.random.randn(A2.shape[0], A2.shape[1])\n")]},
    {"cell": "forward_propagation_with_dropout", "name": "seed_argument_ignored",
     "says": "always seeds with np.random.seed(1), whatever the argument seed", "hint": None,
     "patch": [("    np.random.seed(seed)   # keep this line first: the tests expect these random numbers\n",
                "    np.random.seed(1)\n")]},
]
