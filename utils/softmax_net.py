"""Reference answers of c2w3a1_framework_intro: a 3-layer softmax network written with tensors.

LINEAR -> RELU -> LINEAR -> RELU -> LINEAR (-> softmax in the loss), sizes 12288-25-12-6
(64x64x3 images flattened), examples as columns (course notation), trained with mini-batch
Adam through autograd.

c2w3a1 teaches these functions, so its graded sandbox does not hold this module (see
``TAUGHT_IN``); later notebooks may import it.
"""
from __future__ import annotations

import numpy as np

from utils import nn
from utils.metrics import accuracy
from utils.testing import course_reference

__all__ = ["one_hot_matrix", "initialize_parameters", "forward_propagation",
           "compute_total_loss", "model", "predict"]

TAUGHT_IN = ("c2w3a1_framework_intro",)

LAYER_SIZES = (64 * 64 * 3, 25, 12, 6)      # the hand signs of signs.h5, flattened


@course_reference
def one_hot_matrix(label, C=6):
    """label: integer array (m,) or (1, m) with values in 0..C-1 -> float32 array (C, m),
    column i is the one-hot vector of label[i]."""
    label = np.asarray(label).reshape(-1)
    out = np.zeros((C, label.size), dtype=np.float32)
    out[label, np.arange(label.size)] = 1
    return out


@course_reference
def initialize_parameters():
    """nn.set_seed(1), then Glorot-uniform W1 (25, 12288), W2 (12, 25), W3 (6, 12) in that
    order; biases zeros (n, 1).  float32 arrays."""
    nn.set_seed(1)
    init = nn.initializers.GlorotUniform()
    params = {}
    for l in range(1, 4):
        params[f"W{l}"] = init((LAYER_SIZES[l], LAYER_SIZES[l - 1]))
        params[f"b{l}"] = np.zeros((LAYER_SIZES[l], 1), dtype=np.float32)
    return params


@course_reference
def forward_propagation(X, parameters):
    """Z3 = W3 relu(W2 relu(W1 X + b1) + b2) + b3, a Tensor (n_y, m) of logits."""
    A = X
    for l in (1, 2):
        A = nn.ops.relu(parameters[f"W{l}"] @ A + parameters[f"b{l}"])
    return parameters["W3"] @ A + parameters["b3"]


@course_reference
def compute_total_loss(logits, labels):
    """Sum over the m examples of the cross-entropy of softmax(logits) (classes on axis 0)."""
    return nn.ops.sum(nn.ops.softmax_cross_entropy(logits, labels, axis=0))


def predict(X, parameters):
    """X (n_x, m), parameters (arrays or Tensors) -> the class of each column, int array (m,):
    the row of its largest logit."""
    with nn.no_grad():
        Z3 = forward_propagation(X, parameters)
    return np.argmax(Z3.data, axis=0)


@course_reference
def model(X_train, Y_train, X_test, Y_test, learning_rate=0.001, num_epochs=100,
          minibatch_size=32, print_cost=True):
    """Mini-batch Adam; every epoch the columns are put in a new order, the permutation of
    epoch e being np.random.default_rng(e).permutation(m), then cut into consecutive batches.

    The default of 100 epochs is c2w3a1's (a 200-epoch run doubles the notebook's longest cell
    and gains the test set little); c4w1a2 compares its CNN with this network trained as long.

    Returns (parameters as float32 arrays, costs, train_acc, test_acc), one value per epoch;
    cost = sum of the batches' total losses / m; accuracies in percent (utils.metrics.accuracy).
    """
    parameters = {k: nn.Tensor(v, requires_grad=True) for k, v in initialize_parameters().items()}
    optimizer = nn.Adam(learning_rate)
    m = X_train.shape[1]
    costs, train_acc, test_acc = [], [], []
    for epoch in range(num_epochs):
        epoch_total_loss = 0.0
        permutation = np.random.default_rng(epoch).permutation(m)
        X_shuffled, Y_shuffled = X_train[:, permutation], Y_train[:, permutation]
        for start in range(0, m, minibatch_size):
            X_batch = X_shuffled[:, start:start + minibatch_size]
            Y_batch = Y_shuffled[:, start:start + minibatch_size]
            total_loss = compute_total_loss(forward_propagation(X_batch, parameters), Y_batch)
            total_loss.backward()
            optimizer.step(parameters.values())
            epoch_total_loss += total_loss.item()
        costs.append(epoch_total_loss / m)
        train_acc.append(accuracy(predict(X_train, parameters), np.argmax(Y_train, axis=0)))
        test_acc.append(accuracy(predict(X_test, parameters), np.argmax(Y_test, axis=0)))
        if print_cost and epoch % 10 == 0:
            print(f"Cost after epoch {epoch}: {costs[-1]:.6f}")
    return {k: v.numpy() for k, v in parameters.items()}, costs, train_acc, test_acc
