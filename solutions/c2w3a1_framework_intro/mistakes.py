"""Known mistakes in c2w3a1_framework_intro: read by autograder/mistakes.py (see CONTRIBUTING.md, "Mistakes").

Plain data, never executed.  Each patch is a list of (old, new) replacements applied in order to
the solution cell's source; the self-test proves that every mistake loses points.
"""

MISTAKES = [
    {"cell": "compute_total_loss", "name": "mean_not_sum",
     "says": "averages the losses of the examples instead of adding them up", "hint": None,
     "patch": [("    total_loss = nn.ops.sum(nn.ops.softmax_cross_entropy(logits, labels, axis=0))\n",
                "    total_loss = nn.ops.mean(nn.ops.softmax_cross_entropy(logits, labels, axis=0))\n")]},
    # a mistake (or an attack)
    {"cell": "compute_total_loss", "name": "numpy_dressed_as_tensor",
     "says": "the loss computed with NumPy, returned in an object that has .numpy() and .backward() like a Tensor but carries no gradient to the logits",
     "hint": None,
     "patch": [("def compute_total_loss(logits, labels):\n",
                "class _LooksLikeATensor:\n"
                "    def __init__(self, value):\n"
                "        self.value = value\n"
                "    def numpy(self):\n"
                "        return self.value\n"
                "    def item(self):\n"
                "        return float(self.value)\n"
                "    def backward(self, grad=None):\n"
                "        pass\n"
                "def compute_total_loss(logits, labels):\n"),
               ("    total_loss = nn.ops.sum(nn.ops.softmax_cross_entropy(logits, labels, axis=0))\n"
                "    ### END SOLUTION\n"
                "    return total_loss",
                '    z = np.asarray(getattr(logits, "data", logits), dtype=np.float64)\n'
                "    z = z - z.max(axis=0, keepdims=True)\n"
                "    log_p = z - np.log(np.exp(z).sum(axis=0, keepdims=True))\n"
                "    return _LooksLikeATensor(np.float32(-(labels * log_p).sum()))")]},
    {"cell": "compute_total_loss", "name": "sigmoid_cross_entropy",
     "says": "uses the binary (sigmoid) cross-entropy of each output unit instead of the softmax one",
     "hint": None,
     "patch": [("    total_loss = nn.ops.sum(nn.ops.softmax_cross_entropy(logits, labels, axis=0))\n",
                "    total_loss = nn.ops.sum(nn.ops.sigmoid_binary_cross_entropy(logits, labels))\n")]},
    {"cell": "compute_total_loss", "name": "softmax_over_examples",
     "says": "leaves the default axis (-1), so the softmax runs over the examples, not the classes",
     "hint": None,
     "patch": [("    total_loss = nn.ops.sum(nn.ops.softmax_cross_entropy(logits, labels, axis=0))\n",
                "    total_loss = nn.ops.sum(nn.ops.softmax_cross_entropy(logits, labels))\n")]},
    {"cell": "forward_propagation", "name": "no_second_relu",
     "says": "forgets the ReLU of the second layer (two linear layers in a row)", "hint": None,
     "patch": [("    Z1 = W1 @ X + b1\n"
                "    A1 = nn.ops.relu(Z1)\n",
                "    A1 = nn.ops.relu(W1 @ X + b1)\n"),
               ("    A2 = nn.ops.relu(Z2)\n"
                "    Z3 = W3 @ A2 + b3\n",
                "    Z3 = W3 @ Z2 + b3\n")]},
    {"cell": "forward_propagation", "name": "np_maximum",
     "says": "uses np.maximum for the ReLU: right values on arrays, but the result is a NumPy array, not a Tensor (and on tensors NumPy refuses), so nothing could be differentiated",
     "hint": None,
     "patch": [("    Z1 = W1 @ X + b1\n"
                "    A1 = nn.ops.relu(Z1)\n"
                "    Z2 = W2 @ A1 + b2\n"
                "    A2 = nn.ops.relu(Z2)\n",
                "    A1 = np.maximum(W1 @ X + b1, 0)\n"
                "    A2 = np.maximum(W2 @ A1 + b2, 0)\n")]},
    # a mistake (or an attack)
    {"cell": "forward_propagation", "name": "numpy_dressed_as_tensor",
     "says": "the values computed with NumPy, returned in an object that has .numpy() and .backward() like a Tensor but carries no gradient to the parameters",
     "hint": None,
     "patch": [("def forward_propagation(X, parameters):\n",
                "class _LooksLikeATensor:\n"
                "    def __init__(self, value):\n"
                "        self.value = value\n"
                "    def numpy(self):\n"
                "        return self.value\n"
                "    def backward(self, grad=None):\n"
                "        pass\n"
                "def forward_propagation(X, parameters):\n"),
               ('    W1, b1 = parameters["W1"], parameters["b1"]\n'
                '    W2, b2 = parameters["W2"], parameters["b2"]\n'
                '    W3, b3 = parameters["W3"], parameters["b3"]\n'
                "    ### BEGIN SOLUTION\n"
                "    Z1 = W1 @ X + b1\n"
                "    A1 = nn.ops.relu(Z1)\n"
                "    Z2 = W2 @ A1 + b2\n"
                "    A2 = nn.ops.relu(Z2)\n"
                "    Z3 = W3 @ A2 + b3\n"
                "    ### END SOLUTION\n"
                "    return Z3",
                '    data = {k: np.asarray(getattr(v, "data", v)) for k, v in parameters.items()}\n'
                '    X = np.asarray(getattr(X, "data", X))\n'
                '    A1 = np.maximum(data["W1"] @ X + data["b1"], 0)\n'
                '    A2 = np.maximum(data["W2"] @ A1 + data["b2"], 0)\n'
                '    return _LooksLikeATensor(data["W3"] @ A2 + data["b3"])')]},
    {"cell": "forward_propagation", "name": "softmax_output",
     "says": "applies the softmax to the last layer, so it returns probabilities, not logits",
     "hint": None,
     "patch": [("    Z1 = W1 @ X + b1\n"
                "    A1 = nn.ops.relu(Z1)\n"
                "    Z2 = W2 @ A1 + b2\n"
                "    A2 = nn.ops.relu(Z2)\n"
                "    Z3 = W3 @ A2 + b3\n",
                "    A1 = nn.ops.relu(W1 @ X + b1)\n"
                "    A2 = nn.ops.relu(W2 @ A1 + b2)\n"
                "    Z3 = nn.ops.softmax(W3 @ A2 + b3, axis=0)\n")]},
    {"cell": "initialize_parameters", "name": "biases_random",
     "says": "draws the biases with the initializer too (between the weights), instead of zeros",
     "hint": None,
     "patch": [("    b1 = np.zeros((25, 1), dtype=np.float32)\n",
                "    b1 = init((25, 1))\n"),
               ("    b2 = np.zeros((12, 1), dtype=np.float32)\n",
                "    b2 = init((12, 1))\n"),
               ("    b3 = np.zeros((6, 1), dtype=np.float32)\n",
                "    b3 = init((6, 1))\n")]},
    {"cell": "initialize_parameters", "name": "float64_biases",
     "says": "builds the biases with np.zeros(shape), which gives float64, not the framework's float32",
     "hint": None,
     "patch": [("    b1 = np.zeros((25, 1), dtype=np.float32)\n",
                "    b1 = np.zeros((25, 1))\n"),
               ("    b2 = np.zeros((12, 1), dtype=np.float32)\n",
                "    b2 = np.zeros((12, 1))\n"),
               ("    b3 = np.zeros((6, 1), dtype=np.float32)\n",
                "    b3 = np.zeros((6, 1))\n")]},
    {"cell": "initialize_parameters", "name": "he_normal",
     "says": "uses He initialization (Course 2) instead of the Glorot uniform the exercise asks for",
     "hint": None,
     "patch": [("    init = nn.initializers.GlorotUniform()\n",
                "    init = nn.initializers.HeNormal()\n")]},
    {"cell": "initialize_parameters", "name": "transposed_W",
     "says": "weights of shape (n_prev, n) (the Keras kernel layout) instead of (n, n_prev)",
     "hint": None,
     "patch": [("    W1 = init((25, 12288))\n",
                "    W1 = init((12288, 25))\n"),
               ("    W2 = init((12, 25))\n",
                "    W2 = init((25, 12))\n"),
               ("    W3 = init((6, 12))\n",
                "    W3 = init((12, 6))\n")]},
    {"cell": "one_hot_matrix", "name": "C_from_largest_label",
     "says": "takes the number of classes from the labels (label.max() + 1) instead of C, so the matrix has too few rows whenever the largest classes do not occur in label",
     "hint": None,
     "patch": [("    one_hot = np.eye(C, dtype=np.float32)[:, label]\n",
                "    one_hot = np.eye(label.max() + 1, dtype=np.float32)[:, label]\n")]},
    {"cell": "one_hot_matrix", "name": "C_ignored",
     "says": "hard-codes the 6 classes of this data set instead of using C", "hint": None,
     "patch": [("    one_hot = np.eye(C, dtype=np.float32)[:, label]\n",
                "    one_hot = np.eye(6, dtype=np.float32)[:, label]\n")]},
    {"cell": "one_hot_matrix", "name": "row_labels_not_flattened",
     "says": "indexes with the labels as given, so a (1, m) row of labels gives a (C, 1, m) array",
     "hint": None,
     "patch": [("    label = np.asarray(label).reshape(-1)\n",
                "")]},
    {"cell": "one_hot_matrix", "name": "squeezed_labels",
     "says": "flattens the labels with np.squeeze, which turns a single label into a 0-d array, so one example (m = 1) gives shape (C,) instead of (C, 1)",
     "hint": None,
     "patch": [("    label = np.asarray(label).reshape(-1)\n",
                "    label = np.squeeze(np.asarray(label))\n")]},
    {"cell": "one_hot_matrix", "name": "transposed",
     "says": "one example per row (m, C), the Keras layout, instead of one per column (C, m)",
     "hint": None,
     "patch": [("    one_hot = np.eye(C, dtype=np.float32)[:, label]\n",
                "    one_hot = np.eye(C, dtype=np.float32)[label]\n")]},
    {"cell": "model", "name": "cost_sum_of_batch_means",
     "says": "divides each mini-batch's total by its size, so the cost is a sum of means",
     "hint": None,
     "patch": [("            epoch_total_loss += total_loss.item()\n",
                "            epoch_total_loss += total_loss.item() / X_batch.shape[1]\n")]},
    {"cell": "model", "name": "full_batch_every_step",
     "says": "runs every step on the whole training set instead of the mini-batch", "hint": None,
     "patch": [("            Z3 = forward_propagation(X_batch, parameters)\n"
                "            total_loss = compute_total_loss(Z3, Y_batch)\n",
                "            Z3 = forward_propagation(X_train, parameters)\n"
                "            total_loss = compute_total_loss(Z3, Y_train)\n")]},
    {"cell": "model", "name": "no_backward",
     "says": "calls optimizer.step without total_loss.backward(): no gradients, nothing trains",
     "hint": None,
     "patch": [("            total_loss.backward()\n",
                "")]},
]
