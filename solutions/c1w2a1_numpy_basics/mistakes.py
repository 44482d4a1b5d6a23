"""Known mistakes in c1w2a1_numpy_basics: read by autograder/mistakes.py (see CONTRIBUTING.md, "Mistakes").

Plain data, never executed.  Each patch is a list of (old, new) replacements applied in order to
the solution cell's source; the self-test proves that every mistake loses points.
"""

MISTAKES = [
    {"cell": "L1", "name": "mean",
     "says": "averages instead of summing", "hint": None,
     "patch": [("    loss = np.sum(np.abs(y - yhat))\n"
                "    ### END SOLUTION\n"
                "    return loss",
                "    return np.mean(np.abs(y - yhat))")]},
    {"cell": "L1", "name": "no_abs",
     "says": "forgets the absolute value", "hint": None,
     "patch": [("    loss = np.sum(np.abs(y - yhat))\n"
                "    ### END SOLUTION\n"
                "    return loss",
                "    return np.sum(y - yhat)")]},
    {"cell": "L2", "name": "abs",
     "says": "sums absolute values (that is L1)", "hint": None,
     "patch": [("    diff = y - yhat\n"
                "    loss = np.dot(diff, diff)\n"
                "    ### END SOLUTION\n"
                "    return loss",
                "    return np.sum(np.abs(y - yhat))")]},
    {"cell": "L2", "name": "sqrt",
     "says": "takes the square root (the Euclidean distance, not the L2 loss)", "hint": None,
     "patch": [("    diff = y - yhat\n"
                "    loss = np.dot(diff, diff)\n"
                "    ### END SOLUTION\n"
                "    return loss",
                "    return np.sqrt(np.sum((y - yhat) ** 2))")]},
    {"cell": "L2", "name": "square_of_sum",
     "says": "squares the sum instead of summing the squares", "hint": None,
     "patch": [("    diff = y - yhat\n"
                "    loss = np.dot(diff, diff)\n"
                "    ### END SOLUTION\n"
                "    return loss",
                "    return np.sum(y - yhat) ** 2")]},
    {"cell": "basic_sigmoid", "name": "minus_one",
     "says": "the denominator is 1 - exp(-x) instead of 1 + exp(-x)", "hint": None,
     "patch": [("    s = 1 / (1 + math.exp(-x))\n"
                "    ### END SOLUTION\n"
                "    return s",
                "    return 1 / (1 - math.exp(-x))")]},
    {"cell": "basic_sigmoid", "name": "precedence",
     "says": "missing brackets: 1/1 + exp(-x) is computed instead of 1/(1 + exp(-x))", "hint": None,
     "patch": [("    s = 1 / (1 + math.exp(-x))\n"
                "    ### END SOLUTION\n"
                "    return s",
                "    return 1 / 1 + math.exp(-x)")]},
    {"cell": "basic_sigmoid", "name": "wrong_sign",
     "says": "the sign inside the exponential is wrong (gives sigma(-x))", "hint": None,
     "patch": [("    s = 1 / (1 + math.exp(-x))\n"
                "    ### END SOLUTION\n"
                "    return s",
                "    return 1 / (1 + math.exp(x))")]},
    {"cell": "image2vector", "name": "flat",
     "says": "returns a flat (n,) vector instead of a column (n, 1)", "hint": None,
     "patch": [("    v = image.reshape(image.shape[0] * image.shape[1] * image.shape[2], 1)\n"
                "    ### END SOLUTION\n"
                "    return v",
                "    return image.reshape(-1)")]},
    {"cell": "image2vector", "name": "hardcoded",
     "says": "hard-codes the example's shape instead of using image.shape", "hint": None,
     "patch": [("    v = image.reshape(image.shape[0] * image.shape[1] * image.shape[2], 1)\n"
                "    ### END SOLUTION\n"
                "    return v",
                "    return image.reshape(18, 1)")]},
    {"cell": "image2vector", "name": "row",
     "says": "returns a row vector (1, n) instead of a column (n, 1)", "hint": None,
     "patch": [("    v = image.reshape(image.shape[0] * image.shape[1] * image.shape[2], 1)\n"
                "    ### END SOLUTION\n"
                "    return v",
                "    return image.reshape(1, -1)")]},
    {"cell": "image2vector", "name": "transposed_order",
     "says": "transposes before reshaping, so the entries come out in another order", "hint": None,
     "patch": [("    v = image.reshape(image.shape[0] * image.shape[1] * image.shape[2], 1)\n"
                "    ### END SOLUTION\n"
                "    return v",
                "    return image.T.reshape(-1, 1)")]},
    {"cell": "normalize_rows", "name": "columns",
     "says": "normalises columns (axis=0) instead of rows", "hint": None,
     "patch": [("    x_norm = np.linalg.norm(x, axis=1, keepdims=True)\n"
                "    x_normalized = x / x_norm\n"
                "    ### END SOLUTION\n"
                "    return x_normalized",
                "    return x / np.linalg.norm(x, axis=0, keepdims=True)")]},
    {"cell": "normalize_rows", "name": "no_keepdims",
     "says": "the norm is computed without keepdims=True: its shape (n,) divides along the columns, not the rows", "hint": None,
     "patch": [("    x_norm = np.linalg.norm(x, axis=1, keepdims=True)\n"
                "    x_normalized = x / x_norm\n"
                "    ### END SOLUTION\n"
                "    return x_normalized",
                "    return x / np.linalg.norm(x, axis=1)")]},
    {"cell": "normalize_rows", "name": "no_sqrt",
     "says": "divides by the sum of squares (forgot the square root)", "hint": None,
     "patch": [("    x_norm = np.linalg.norm(x, axis=1, keepdims=True)\n"
                "    x_normalized = x / x_norm\n"
                "    ### END SOLUTION\n"
                "    return x_normalized",
                "    return x / np.sum(x ** 2, axis=1, keepdims=True)")]},
    {"cell": "sigmoid", "name": "math_exp",
     "says": "uses math.exp, which only accepts single numbers", "hint": None,
     "patch": [("    s = 1 / (1 + np.exp(-x))\n"
                "    ### END SOLUTION\n"
                "    return s",
                "    return 1 / (1 + math.exp(-x))")]},
    {"cell": "sigmoid", "name": "precedence",
     "says": "missing brackets: 1 / 1 + exp(-x) is 1 + exp(-x), not 1 / (1 + exp(-x))", "hint": None,
     "patch": [("    s = 1 / (1 + np.exp(-x))\n"
                "    ### END SOLUTION\n"
                "    return s",
                "    return 1 / 1 + np.exp(-x)")]},
    {"cell": "sigmoid", "name": "wrong_sign",
     "says": "the sign in the exponent is wrong: exp(x) instead of exp(-x)", "hint": None,
     "patch": [("    s = 1 / (1 + np.exp(-x))\n"
                "    ### END SOLUTION\n"
                "    return s",
                "    return 1 / (1 + np.exp(x))")]},
    {"cell": "sigmoid_derivative", "name": "plus",
     "says": "the slope is computed as s * (1 + s) instead of s * (1 - s)", "hint": None,
     "patch": [("    ds = s * (1 - s)\n"
                "    ### END SOLUTION\n"
                "    return ds",
                "    return s * (1 + s)")]},
    {"cell": "sigmoid_derivative", "name": "returns_s",
     "says": "returns the sigmoid itself, not its slope", "hint": None,
     "patch": [("    s = sigmoid(x)\n"
                "    ds = s * (1 - s)\n"
                "    ### END SOLUTION\n"
                "    return ds",
                "    return sigmoid(x)")]},
    {"cell": "sigmoid_derivative", "name": "x_not_s",
     "says": "applies the formula to x instead of to s = sigmoid(x)", "hint": None,
     "patch": [("    s = sigmoid(x)\n"
                "    ds = s * (1 - s)\n"
                "    ### END SOLUTION\n"
                "    return ds",
                "    return x * (1 - x)")]},
    {"cell": "softmax", "name": "columns",
     "says": "sums over columns (axis=0) instead of rows", "hint": None,
     "patch": [("    x_exp = np.exp(x)\n"
                "    x_sum = np.sum(x_exp, axis=1, keepdims=True)\n"
                "    s = x_exp / x_sum\n"
                "    ### END SOLUTION\n"
                "    return s",
                "    e = np.exp(x)\n"
                "    return e / np.sum(e, axis=0, keepdims=True)")]},
    {"cell": "softmax", "name": "no_exp",
     "says": "forgets the exponential", "hint": None,
     "patch": [("    x_exp = np.exp(x)\n"
                "    x_sum = np.sum(x_exp, axis=1, keepdims=True)\n"
                "    s = x_exp / x_sum\n"
                "    ### END SOLUTION\n"
                "    return s",
                "    return x / np.sum(x, axis=1, keepdims=True)")]},
    {"cell": "softmax", "name": "total_sum",
     "says": "divides by the sum of the whole matrix", "hint": None,
     "patch": [("    x_exp = np.exp(x)\n"
                "    x_sum = np.sum(x_exp, axis=1, keepdims=True)\n"
                "    s = x_exp / x_sum\n"
                "    ### END SOLUTION\n"
                "    return s",
                "    e = np.exp(x)\n"
                "    return e / np.sum(e)")]},
]
