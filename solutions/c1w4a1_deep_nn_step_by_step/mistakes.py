"""Known mistakes in c1w4a1_deep_nn_step_by_step: read by autograder/mistakes.py (see CONTRIBUTING.md, "Mistakes").

Plain data, never executed.  Each patch is a list of (old, new) replacements applied in order to
the solution cell's source; the self-test proves that every mistake loses points.
"""

MISTAKES = [
    {"cell": "L_model_backward", "name": "cache_of_layer_l",
     "says": "the relu layers read caches[l] (the cache of layer l + 1) instead of caches[l - 1]",
     "hint": None,
     "patch": [('        dA_prev, dW, db = linear_activation_backward(grads["dA" + str(l)], caches[l - 1],\n',
                '        dA_prev, dW, db = linear_activation_backward(grads["dA" + str(l)], caches[l],\n')]},
    {"cell": "L_model_backward", "name": "dAL_is_AL_minus_Y",
     "says": "started from AL - Y (that is dZ of the last layer) and still applied sigmoid_backward",
     "hint": None,
     "patch": [("    dAL = -(np.divide(Y, AL) - np.divide(1 - Y, 1 - AL))\n",
                "    dAL = AL - Y\n"),
               ('    grads["dA" + str(L - 1)] = dA_prev\n'
                '    grads["dW" + str(L)] = dW\n'
                '    grads["db" + str(L)] = db\n',
                '    grads["dA" + str(L - 1)], grads["dW" + str(L)], grads["db" + str(L)] = dA_prev, dW, db\n'),
               ('        dA_prev, dW, db = linear_activation_backward(grads["dA" + str(l)], caches[l - 1],\n'
                '                                                     activation="relu")\n'
                '        grads["dA" + str(l - 1)] = dA_prev\n'
                '        grads["dW" + str(l)] = dW\n'
                '        grads["db" + str(l)] = db\n',
                '        dA_prev, dW, db = linear_activation_backward(grads["dA" + str(l)], caches[l - 1], "relu")\n'
                '        grads["dA" + str(l - 1)], grads["dW" + str(l)], grads["db" + str(l)] = dA_prev, dW, db\n')]},
    {"cell": "L_model_backward", "name": "dAL_wrong_sign",
     "says": "dAL lacks its leading minus sign", "hint": None,
     "patch": [("    dAL = -(np.divide(Y, AL) - np.divide(1 - Y, 1 - AL))\n",
                "    dAL = np.divide(Y, AL) - np.divide(1 - Y, 1 - AL)\n"),
               ('    grads["dA" + str(L - 1)] = dA_prev\n'
                '    grads["dW" + str(L)] = dW\n'
                '    grads["db" + str(L)] = db\n',
                '    grads["dA" + str(L - 1)], grads["dW" + str(L)], grads["db" + str(L)] = dA_prev, dW, db\n'),
               ('        dA_prev, dW, db = linear_activation_backward(grads["dA" + str(l)], caches[l - 1],\n'
                '                                                     activation="relu")\n'
                '        grads["dA" + str(l - 1)] = dA_prev\n'
                '        grads["dW" + str(l)] = dW\n'
                '        grads["db" + str(l)] = db\n',
                '        dA_prev, dW, db = linear_activation_backward(grads["dA" + str(l)], caches[l - 1], "relu")\n'
                '        grads["dA" + str(l - 1)], grads["dW" + str(l)], grads["db" + str(l)] = dA_prev, dW, db\n')]},
    {"cell": "L_model_backward", "name": "keys_off_by_one",
     "says": 'stored dA[l-1] under "dA" + str(l) (the layer\'s own index)', "hint": None,
     "patch": [('    dA_prev, dW, db = linear_activation_backward(dAL, caches[L - 1], activation="sigmoid")\n'
                '    grads["dA" + str(L - 1)] = dA_prev\n'
                '    grads["dW" + str(L)] = dW\n'
                '    grads["db" + str(L)] = db\n'
                "    ### END SOLUTION\n"
                "    # 3. layers l = L-1, ..., 1 (RELU -> LINEAR)\n"
                "    ### BEGIN SOLUTION\n"
                "    for l in reversed(range(1, L)):\n"
                '        dA_prev, dW, db = linear_activation_backward(grads["dA" + str(l)], caches[l - 1],\n'
                '                                                     activation="relu")\n'
                '        grads["dA" + str(l - 1)] = dA_prev\n'
                '        grads["dW" + str(l)] = dW\n'
                '        grads["db" + str(l)] = db\n',
                "    dA = dAL\n"
                "    for l in reversed(range(1, L + 1)):\n"
                '        activation = "sigmoid" if l == L else "relu"\n'
                "        dA, dW, db = linear_activation_backward(dA, caches[l - 1], activation)\n"
                '        grads["dA" + str(l)], grads["dW" + str(l)], grads["db" + str(l)] = dA, dW, db\n')]},
    {"cell": "L_model_backward", "name": "loop_not_reversed",
     "says": "hidden layers visited in increasing order l = 1..L-1, before their dA exists",
     "hint": None,
     "patch": [('    grads["dA" + str(L - 1)] = dA_prev\n'
                '    grads["dW" + str(L)] = dW\n'
                '    grads["db" + str(L)] = db\n'
                "    ### END SOLUTION\n"
                "    # 3. layers l = L-1, ..., 1 (RELU -> LINEAR)\n"
                "    ### BEGIN SOLUTION\n"
                "    for l in reversed(range(1, L)):\n"
                '        dA_prev, dW, db = linear_activation_backward(grads["dA" + str(l)], caches[l - 1],\n'
                '                                                     activation="relu")\n'
                '        grads["dA" + str(l - 1)] = dA_prev\n'
                '        grads["dW" + str(l)] = dW\n'
                '        grads["db" + str(l)] = db\n',
                '    grads["dA" + str(L - 1)], grads["dW" + str(L)], grads["db" + str(L)] = dA_prev, dW, db\n'
                "    for l in range(1, L):\n"
                '        dA_prev, dW, db = linear_activation_backward(grads["dA" + str(l)], caches[l - 1], "relu")\n'
                '        grads["dA" + str(l - 1)], grads["dW" + str(l)], grads["db" + str(l)] = dA_prev, dW, db\n')]},
    {"cell": "L_model_backward", "name": "relu_for_output_layer",
     "says": "used relu for the output layer, which is a sigmoid layer", "hint": None,
     "patch": [('    dA_prev, dW, db = linear_activation_backward(dAL, caches[L - 1], activation="sigmoid")\n'
                '    grads["dA" + str(L - 1)] = dA_prev\n'
                '    grads["dW" + str(L)] = dW\n'
                '    grads["db" + str(L)] = db\n',
                '    dA_prev, dW, db = linear_activation_backward(dAL, caches[L - 1], activation="relu")\n'
                '    grads["dA" + str(L - 1)], grads["dW" + str(L)], grads["db" + str(L)] = dA_prev, dW, db\n'),
               ('        dA_prev, dW, db = linear_activation_backward(grads["dA" + str(l)], caches[l - 1],\n'
                '                                                     activation="relu")\n'
                '        grads["dA" + str(l - 1)] = dA_prev\n'
                '        grads["dW" + str(l)] = dW\n'
                '        grads["db" + str(l)] = db\n',
                '        dA_prev, dW, db = linear_activation_backward(grads["dA" + str(l)], caches[l - 1], "relu")\n'
                '        grads["dA" + str(l - 1)], grads["dW" + str(l)], grads["db" + str(l)] = dA_prev, dW, db\n')]},
    {"cell": "L_model_forward", "name": "all_relu",
     "says": "every layer uses relu, including the output layer", "hint": None,
     "patch": [("    for l in range(1, L):\n"
                "        A_prev = A\n"
                '        A, cache = linear_activation_forward(A_prev, parameters["W" + str(l)],\n',
                "    for l in range(1, L + 1):\n"
                '        A, cache = linear_activation_forward(A, parameters["W" + str(l)],\n'),
               ('    AL, cache = linear_activation_forward(A, parameters["W" + str(L)],\n'
                '                                          parameters["b" + str(L)], activation="sigmoid")\n'
                "    caches.append(cache)\n",
                "    AL = A\n")]},
    {"cell": "L_model_forward", "name": "every_layer_reads_X",
     "says": "each layer is fed X instead of the previous layer's activation", "hint": None,
     "patch": [("    A = X\n",
                ""),
               ("        A_prev = A\n"
                '        A, cache = linear_activation_forward(A_prev, parameters["W" + str(l)],\n',
                '        A, cache = linear_activation_forward(X, parameters["W" + str(l)],\n'),
               ('    AL, cache = linear_activation_forward(A, parameters["W" + str(L)],\n',
                '    AL, cache = linear_activation_forward(A if L > 1 else X, parameters["W" + str(L)],\n')]},
    {"cell": "L_model_forward", "name": "last_cache_not_appended",
     "says": "forgot to append the output layer's cache", "hint": None,
     "patch": [("        A_prev = A\n"
                '        A, cache = linear_activation_forward(A_prev, parameters["W" + str(l)],\n',
                '        A, cache = linear_activation_forward(A, parameters["W" + str(l)],\n'),
               ('                                          parameters["b" + str(L)], activation="sigmoid")\n'
                "    caches.append(cache)\n",
                '                                          parameters["b" + str(L)], activation="sigmoid")\n')]},
    {"cell": "L_model_forward", "name": "sigmoid_everywhere",
     "says": "uses the sigmoid in the hidden layers too, instead of relu", "hint": None,
     "patch": [("    for l in range(1, L):\n"
                "        A_prev = A\n"
                '        A, cache = linear_activation_forward(A_prev, parameters["W" + str(l)],\n'
                '                                             parameters["b" + str(l)], activation="relu")\n',
                "    for l in range(1, L + 1):\n"
                '        A, cache = linear_activation_forward(A, parameters["W" + str(l)],\n'
                '                                             parameters["b" + str(l)], activation="sigmoid")\n'),
               ('    AL, cache = linear_activation_forward(A, parameters["W" + str(L)],\n'
                '                                          parameters["b" + str(L)], activation="sigmoid")\n'
                "    caches.append(cache)\n"
                "    ### END SOLUTION\n"
                "    return AL, caches",
                "    return A, caches")]},
    {"cell": "L_model_forward", "name": "squeezed_activations",
     "says": "np.squeeze on each hidden activation, harmless with many examples (and wide layers): with m = 1 a layer passes on (n,) instead of (n, 1), and the next layer's cache holds it",
     "hint": None,
     "patch": [("        A_prev = A\n"
                '        A, cache = linear_activation_forward(A_prev, parameters["W" + str(l)],\n',
                '        A, cache = linear_activation_forward(A, parameters["W" + str(l)],\n'),
               ("        caches.append(cache)\n",
                "        A = np.squeeze(A)\n"
                "        caches.append(cache)\n")]},
    {"cell": "compute_cost", "name": "no_1_over_m",
     "says": "summed the losses without dividing by m", "hint": None,
     "patch": [("    cost = -np.sum(Y * np.log(AL) + (1 - Y) * np.log(1 - AL)) / m\n"
                "    cost = float(cost)\n"
                "    ### END SOLUTION\n"
                "    return cost",
                "    cost = -np.sum(Y * np.log(AL) + (1 - Y) * np.log(1 - AL))\n"
                "    return float(cost)")]},
    {"cell": "compute_cost", "name": "only_positive_term",
     "says": "dropped the (1 - y) log(1 - a) term", "hint": None,
     "patch": [("    cost = -np.sum(Y * np.log(AL) + (1 - Y) * np.log(1 - AL)) / m\n"
                "    cost = float(cost)\n"
                "    ### END SOLUTION\n"
                "    return cost",
                "    cost = -np.sum(Y * np.log(AL)) / m\n"
                "    return float(cost)")]},
    {"cell": "compute_cost", "name": "returns_1x1_array",
     "says": "np.dot gives a (1, 1) array, returned without np.squeeze / float", "hint": None,
     "patch": [("    cost = -np.sum(Y * np.log(AL) + (1 - Y) * np.log(1 - AL)) / m\n"
                "    cost = float(cost)\n",
                "    cost = -(np.dot(Y, np.log(AL).T) + np.dot(1 - Y, np.log(1 - AL).T)) / m\n")]},
    {"cell": "compute_cost", "name": "wrong_sign",
     "says": "forgot the minus sign, so the cost is negative", "hint": None,
     "patch": [("    cost = -np.sum(Y * np.log(AL) + (1 - Y) * np.log(1 - AL)) / m\n"
                "    cost = float(cost)\n"
                "    ### END SOLUTION\n"
                "    return cost",
                "    cost = np.sum(Y * np.log(AL) + (1 - Y) * np.log(1 - AL)) / m\n"
                "    return float(cost)")]},
    {"cell": "initialize_parameters", "name": "bias_1d",
     "says": "the biases are 1-D vectors np.zeros(n) instead of columns (n, 1)", "hint": None,
     "patch": [("    b1 = np.zeros((n_h, 1))\n",
                "    b1 = np.zeros(n_h)\n"),
               ("    b2 = np.zeros((n_y, 1))\n",
                "    b2 = np.zeros(n_y)\n")]},
    {"cell": "initialize_parameters", "name": "no_scaling",
     "says": "forgot to scale the random weights by 0.01", "hint": None,
     "patch": [("    W1 = np.random.randn(n_h, n_x) * 0.01\n",
                "    W1 = np.random.randn(n_h, n_x)\n"),
               ("    W2 = np.random.randn(n_y, n_h) * 0.01\n",
                "    W2 = np.random.randn(n_y, n_h)\n")]},
    {"cell": "initialize_parameters", "name": "seed_removed",
     "says": "deleted the np.random.seed(1) line, so the weights differ from run to run",
     "hint": None,
     "patch": [("    np.random.seed(1)   # keep this line: the tests expect these random numbers\n",
                "")]},
    {"cell": "initialize_parameters", "name": "transposed_W",
     "says": "the weights have transposed shapes, (n_prev, n) instead of (n, n_prev)", "hint": None,
     "patch": [("    W1 = np.random.randn(n_h, n_x) * 0.01\n",
                "    W1 = np.random.randn(n_x, n_h) * 0.01\n"),
               ("    W2 = np.random.randn(n_y, n_h) * 0.01\n",
                "    W2 = np.random.randn(n_h, n_y) * 0.01\n")]},
    {"cell": "initialize_parameters_deep", "name": "biases_drawn_randomly",
     "says": "biases drawn with randn too (changes them and every later weight)", "hint": None,
     "patch": [('        parameters["b" + str(l)] = np.zeros((layer_dims[l], 1))\n',
                '        parameters["b" + str(l)] = np.random.randn(layer_dims[l], 1) * 0.01\n')]},
    {"cell": "initialize_parameters_deep", "name": "last_layer_missing",
     "says": "off-by-one loop range(1, L) that skips the output layer", "hint": None,
     "patch": [("    for l in range(1, L + 1):\n",
                "    for l in range(1, L):\n")]},
    {"cell": "initialize_parameters_deep", "name": "scale_0_01",
     "says": "kept the 0.01 scale of the 2-layer network instead of 1/sqrt(n[l-1])", "hint": None,
     "patch": [('        parameters["W" + str(l)] = (np.random.randn(layer_dims[l], layer_dims[l - 1])\n'
                "                                    / np.sqrt(layer_dims[l - 1]))\n",
                '        parameters["W" + str(l)] = np.random.randn(layer_dims[l], layer_dims[l - 1]) * 0.01\n')]},
    {"cell": "initialize_parameters_deep", "name": "sqrt_of_current_layer",
     "says": "divided by sqrt(n[l]) (this layer) instead of sqrt(n[l-1]) (the previous layer)",
     "hint": None,
     "patch": [("                                    / np.sqrt(layer_dims[l - 1]))\n",
                "                                    / np.sqrt(layer_dims[l]))\n")]},
    {"cell": "linear_activation_backward", "name": "activations_swapped",
     "says": "uses relu_backward for the sigmoid layer and sigmoid_backward for the relu layer", "hint": None,
     "patch": [("        dZ = relu_backward(dA, activation_cache)\n",
                "        dZ = sigmoid_backward(dA, activation_cache)\n"
                "        dA_prev, dW, db = linear_backward(dZ, linear_cache)\n"
                '    elif activation == "sigmoid":\n'
                "        dZ = relu_backward(dA, activation_cache)\n"),
               ('    elif activation == "sigmoid":\n'
                "        ### BEGIN SOLUTION\n"
                "        dZ = sigmoid_backward(dA, activation_cache)\n"
                "        dA_prev, dW, db = linear_backward(dZ, linear_cache)\n",
                "")]},
    {"cell": "linear_activation_backward", "name": "cache_parts_swapped",
     "says": "unpacked the cache in the wrong order (activation_cache, linear_cache)", "hint": None,
     "patch": [("    linear_cache, activation_cache = cache\n",
                "    activation_cache, linear_cache = cache\n"),
               ("        dA_prev, dW, db = linear_backward(dZ, linear_cache)\n"
                "        ### END SOLUTION\n"
                '    elif activation == "sigmoid":\n',
                "    else:\n"),
               ("        dA_prev, dW, db = linear_backward(dZ, linear_cache)\n",
                "    dA_prev, dW, db = linear_backward(dZ, linear_cache)\n")]},
    {"cell": "linear_activation_backward", "name": "no_activation_derivative",
     "says": "skipped the activation step, treating dA as dZ", "hint": None,
     "patch": [('    if activation == "relu":\n'
                "        ### BEGIN SOLUTION\n"
                "        dZ = relu_backward(dA, activation_cache)\n"
                "        dA_prev, dW, db = linear_backward(dZ, linear_cache)\n"
                "        ### END SOLUTION\n"
                '    elif activation == "sigmoid":\n'
                "        ### BEGIN SOLUTION\n"
                "        dZ = sigmoid_backward(dA, activation_cache)\n"
                "        dA_prev, dW, db = linear_backward(dZ, linear_cache)\n",
                "    dA_prev, dW, db = linear_backward(dA, linear_cache)\n")]},
    {"cell": "linear_activation_forward", "name": "activation_cache_holds_A",
     "says": "stored the activation's output A as the activation cache instead of Z", "hint": None,
     "patch": [('    if activation == "sigmoid":\n',
                "    Z, linear_cache = linear_forward(A_prev, W, b)\n"
                '    if activation == "sigmoid":\n'),
               ("        Z, linear_cache = linear_forward(A_prev, W, b)\n"
                "        A, activation_cache = sigmoid(Z)\n",
                "        A, _ = sigmoid(Z)\n"),
               ("        Z, linear_cache = linear_forward(A_prev, W, b)\n"
                "        A, activation_cache = relu(Z)\n"
                "        ### END SOLUTION\n"
                "    cache = (linear_cache, activation_cache)\n",
                "        A, _ = relu(Z)\n"
                "    cache = (linear_cache, A)\n")]},
    {"cell": "linear_activation_forward", "name": "activations_swapped",
     "says": "relu and sigmoid swapped between the two branches", "hint": None,
     "patch": [("        A, activation_cache = sigmoid(Z)\n",
                "        A, activation_cache = relu(Z)\n"),
               ("        ### BEGIN SOLUTION\n"
                "        Z, linear_cache = linear_forward(A_prev, W, b)\n"
                "        A, activation_cache = relu(Z)\n"
                "        ### END SOLUTION\n"
                "    cache = (linear_cache, activation_cache)\n",
                "        ### BEGIN SOLUTION\n"
                "        Z, linear_cache = linear_forward(A_prev, W, b)\n"
                "        A, activation_cache = sigmoid(Z)\n"
                "        ### END SOLUTION\n"
                "    cache = (linear_cache, activation_cache)\n")]},
    {"cell": "linear_activation_forward", "name": "cache_order_swapped",
     "says": "builds the cache as (activation_cache, linear_cache) instead of (linear_cache, activation_cache)", "hint": None,
     "patch": [('    if activation == "sigmoid":\n',
                "    Z, linear_cache = linear_forward(A_prev, W, b)\n"
                '    if activation == "sigmoid":\n'),
               ("        ### BEGIN SOLUTION\n"
                "        Z, linear_cache = linear_forward(A_prev, W, b)\n"
                "        A, activation_cache = sigmoid(Z)\n",
                "        ### BEGIN SOLUTION\n"
                "        A, activation_cache = sigmoid(Z)\n"),
               ("        Z, linear_cache = linear_forward(A_prev, W, b)\n",
                ""),
               ("    cache = (linear_cache, activation_cache)\n",
                "    cache = (activation_cache, linear_cache)\n")]},
    {"cell": "linear_backward", "name": "dA_prev_divided_by_m",
     "says": "also divided dA_prev by m (the 1/m belongs only to dW and db)", "hint": None,
     "patch": [("    dW = (dZ @ A_prev.T) / m\n",
                "    dW = np.dot(dZ, A_prev.T) / m\n"),
               ("    dA_prev = W.T @ dZ\n",
                "    dA_prev = np.dot(W.T, dZ) / m\n")]},
    {"cell": "linear_backward", "name": "dW_not_transposed",
     "says": "computes dW as (1/m) A_prev dZ^T, the transpose of the right matrix (1/m) dZ A_prev^T", "hint": None,
     "patch": [("    dW = (dZ @ A_prev.T) / m\n",
                "    dW = np.dot(A_prev, dZ.T) / m\n"),
               ("    dA_prev = W.T @ dZ\n",
                "    dA_prev = np.dot(W.T, dZ)\n")]},
    {"cell": "linear_backward", "name": "dW_without_1_over_m",
     "says": "dW is not divided by m", "hint": None,
     "patch": [("    dW = (dZ @ A_prev.T) / m\n",
                "    dW = np.dot(dZ, A_prev.T)\n"),
               ("    dA_prev = W.T @ dZ\n",
                "    dA_prev = np.dot(W.T, dZ)\n")]},
    {"cell": "linear_backward", "name": "db_without_keepdims",
     "says": "np.sum without keepdims=True, so db has shape (n,) instead of (n, 1)", "hint": None,
     "patch": [("    dW = (dZ @ A_prev.T) / m\n"
                "    db = np.sum(dZ, axis=1, keepdims=True) / m\n"
                "    dA_prev = W.T @ dZ\n",
                "    dW = np.dot(dZ, A_prev.T) / m\n"
                "    db = np.sum(dZ, axis=1) / m\n"
                "    dA_prev = np.dot(W.T, dZ)\n")]},
    {"cell": "linear_backward", "name": "db_wrong_axis",
     "says": "sums db over axis 0 (the units) instead of axis 1 (the examples)", "hint": None,
     "patch": [("    dW = (dZ @ A_prev.T) / m\n"
                "    db = np.sum(dZ, axis=1, keepdims=True) / m\n"
                "    dA_prev = W.T @ dZ\n",
                "    dW = np.dot(dZ, A_prev.T) / m\n"
                "    db = np.sum(dZ, axis=0, keepdims=True) / m\n"
                "    dA_prev = np.dot(W.T, dZ)\n")]},
    {"cell": "linear_forward", "name": "cache_holds_Z",
     "says": "put Z in the linear cache instead of A", "hint": None,
     "patch": [("    Z = W @ A + b\n"
                "    cache = (A, W, b)\n",
                "    Z = np.dot(W, A) + b\n"
                "    cache = (Z, W, b)\n")]},
    {"cell": "linear_forward", "name": "cache_wrong_order",
     "says": "cache stored as (W, A, b) instead of (A, W, b)", "hint": None,
     "patch": [("    Z = W @ A + b\n"
                "    cache = (A, W, b)\n",
                "    Z = np.dot(W, A) + b\n"
                "    cache = (W, A, b)\n")]},
    {"cell": "linear_forward", "name": "no_bias",
     "says": "forgot to add the bias", "hint": None,
     "patch": [("    Z = W @ A + b\n",
                "    Z = W @ A\n")]},
    {"cell": "update_parameters", "name": "gradient_ascent",
     "says": "added the gradient instead of subtracting it", "hint": None,
     "patch": [('        parameters["W" + str(l)] = params["W" + str(l)] - learning_rate * grads["dW" + str(l)]\n'
                '        parameters["b" + str(l)] = params["b" + str(l)] - learning_rate * grads["db" + str(l)]\n',
                '        parameters["W" + str(l)] = params["W" + str(l)] + learning_rate * grads["dW" + str(l)]\n'
                '        parameters["b" + str(l)] = params["b" + str(l)] + learning_rate * grads["db" + str(l)]\n')]},
    {"cell": "update_parameters", "name": "in_place",
     "says": "updated the caller's arrays in place with -= and returned them", "hint": None,
     "patch": [("    parameters = {}\n",
                "    parameters = params\n"),
               ('        parameters["W" + str(l)] = params["W" + str(l)] - learning_rate * grads["dW" + str(l)]\n'
                '        parameters["b" + str(l)] = params["b" + str(l)] - learning_rate * grads["db" + str(l)]\n',
                '        parameters["W" + str(l)] -= learning_rate * grads["dW" + str(l)]\n'
                '        parameters["b" + str(l)] -= learning_rate * grads["db" + str(l)]\n')]},
    {"cell": "update_parameters", "name": "last_layer_skipped",
     "says": "the loop range(1, L) leaves out the last layer L", "hint": None,
     "patch": [("    parameters = {}\n"
                "    for l in range(1, L + 1):\n",
                "    parameters = copy.deepcopy(params)\n"
                "    for l in range(1, L):\n")]},
    {"cell": "update_parameters", "name": "no_learning_rate",
     "says": "forgot the learning rate (a step of size 1)", "hint": None,
     "patch": [('        parameters["W" + str(l)] = params["W" + str(l)] - learning_rate * grads["dW" + str(l)]\n'
                '        parameters["b" + str(l)] = params["b" + str(l)] - learning_rate * grads["db" + str(l)]\n',
                '        parameters["W" + str(l)] = params["W" + str(l)] - grads["dW" + str(l)]\n'
                '        parameters["b" + str(l)] = params["b" + str(l)] - grads["db" + str(l)]\n')]},
    {"cell": "update_parameters", "name": "rebinds_callers_dict",
     "says": "new arrays, but stored back into the caller's dict (params changes too)",
     "hint": None,
     "patch": [("    parameters = {}\n",
                ""),
               ('        parameters["W" + str(l)] = params["W" + str(l)] - learning_rate * grads["dW" + str(l)]\n'
                '        parameters["b" + str(l)] = params["b" + str(l)] - learning_rate * grads["db" + str(l)]\n'
                "    ### END SOLUTION\n"
                "    return parameters",
                '        params["W" + str(l)] = params["W" + str(l)] - learning_rate * grads["dW" + str(l)]\n'
                '        params["b" + str(l)] = params["b" + str(l)] - learning_rate * grads["db" + str(l)]\n'
                "    return params")]},
]
