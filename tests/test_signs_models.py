"""The order of Course 2's and Course 4's networks on the hand signs (signs.h5), as c4w1a2
prints it: its CNN (``convolutional_model``, Adam 0.002, batch 32, 40 epochs, seed 1, inputs
x / 255) reaches at least 85 % test accuracy, and c2w3a1's fully connected network
(``utils.softmax_net.model``, inputs x / 255 as columns, Adam 0.001, c2w3a1's number of
epochs, its seed 1) stays at least 10 points below it, even at its best epoch.

There is no utils reference for ``convolutional_model`` (c4w1a2 teaches it), so the CNN is
built here with ``utils.nn``; a cheap test checks that it is the network of c4w1a2's solution,
layer by layer, so that the two cannot drift apart.

Both runs are the notebook's, in full: the claim is about those runs, and a shorter one
would check something else (the MLP is worse after fewer epochs, which would make its margin
look larger than it is).  Cost, quiet machine, one core: the CNN 67-80 s; the MLP 52 s at 200
epochs, so about 25 s at c2w3a1's 100.  With 200 MLP epochs it printed CNN 0.908, MLP best
epoch 0.767 (last 0.747), the notebook's numbers at that setting.
"""
import time

import numpy as np
import pytest

from autograder.course import Assignment, read_notebook
from autograder.mistakes import default_argument, solution_cells
from utils import nn, softmax_net
from utils.data import load_dataset

CNN_NOTEBOOK = "c4w1a2_conv_application"

CNN_RATE, CNN_EPOCHS = 0.002, 40     # c4w1a2's training cell
# c2w3a1's training cell (and c4w1a2's MLP_EPOCHS): the default of c2w3a1's model, which
# tests/test_softmax_net.py keeps equal to utils.softmax_net.model's
MLP_EPOCHS = default_argument(solution_cells("c2w3a1_framework_intro")["model"], "model",
                              "num_epochs")
CNN_TARGET, MARGIN = 0.85, 0.10      # issue 15's targets


def cnn(input_shape):
    """c4w1a2's convolutional_model: CONV 8 4x4 same - RELU - MAXPOOL 4 same - CONV 16 2x2
    same - RELU - MAXPOOL 2 same - FLATTEN - DENSE 6 softmax, seed 1."""
    nn.set_seed(1)
    x = nn.Input(input_shape)
    h = nn.MaxPool2D(4, padding="same")(nn.ReLU()(nn.Conv2D(8, 4, padding="same")(x)))
    h = nn.MaxPool2D(2, padding="same")(nn.ReLU()(nn.Conv2D(16, 2, padding="same")(h)))
    return nn.Model(x, nn.Dense(6, activation="softmax")(nn.Flatten()(h)))


def _notebook_source() -> str:
    """Every cell of c4w1a2's solution notebook, one after the other."""
    notebook = read_notebook(Assignment(CNN_NOTEBOOK).notebook)
    return "\n".join(cell.source for cell in notebook.cells)


def _constant(source, needle):
    """The integer assigned in the line of ``source`` that starts with ``needle``."""
    for line in source.splitlines():
        if line.startswith(needle):
            return int(line.split("=")[1].split("#")[0])
    raise AssertionError(f"{needle!r} is not in {CNN_NOTEBOOK}'s notebook")


def test_the_cnn_here_is_the_notebooks():
    """The same layers, shapes, parameters and initial weights as the solution's
    convolutional_model((64, 64, 3)); and the notebook trains the MLP for MLP_EPOCHS."""
    scope = {"nn": nn, "np": np}
    exec(solution_cells(CNN_NOTEBOOK)["convolutional_model"], scope)
    theirs = scope["convolutional_model"]((64, 64, 3))
    ours = cnn((64, 64, 3))
    assert ([(r["type"], r["output_shape"], r["params"]) for r in ours.summary_data()]
            == [(r["type"], r["output_shape"], r["params"]) for r in theirs.summary_data()])
    assert ours.summary_data()[-2]["output_shape"] == (None, 1024)
    for a, b in zip(ours.get_weights(), theirs.get_weights()):
        np.testing.assert_array_equal(a, b)
    source = _notebook_source()
    assert _constant(source, "MLP_EPOCHS =") == MLP_EPOCHS
    assert f"nn.Adam({CNN_RATE})" in source and f"epochs={CNN_EPOCHS}," in source


@pytest.fixture(scope="module")
def signs():
    d = load_dataset("signs")
    x = (d["train_x"] / 255).astype(np.float32)
    xt = (d["test_x"] / 255).astype(np.float32)
    return x, d["train_y"][0], xt, d["test_y"][0]


def test_cnn_reaches_85_and_the_mlp_stays_10_points_below(signs):
    x, y, xt, yt = signs
    start = time.perf_counter()
    model = cnn(x.shape[1:])
    model.compile(nn.Adam(CNN_RATE), "categorical_crossentropy", ["accuracy"])
    model.fit(x, nn.to_categorical(y, 6), epochs=CNN_EPOCHS, batch_size=32, verbose=0)
    cnn_test = float(np.mean(np.argmax(model.predict(xt), axis=1) == yt))
    cnn_time = time.perf_counter() - start

    start = time.perf_counter()
    _, _, _, mlp_test = softmax_net.model(
        x.reshape(len(x), -1).T, softmax_net.one_hot_matrix(y),
        xt.reshape(len(xt), -1).T, softmax_net.one_hot_matrix(yt),
        num_epochs=MLP_EPOCHS, print_cost=False)
    mlp_best = max(mlp_test) / 100           # percent -> fraction; its best epoch, not its last
    mlp_time = time.perf_counter() - start
    print(f"CNN {cnn_test:.3f} ({cnn_time:.0f} s), MLP best epoch {mlp_best:.3f}, "
          f"last {mlp_test[-1] / 100:.3f} ({mlp_time:.0f} s)")

    assert cnn_test >= CNN_TARGET, f"the CNN reached {cnn_test:.3f} < {CNN_TARGET}"
    assert cnn_test - mlp_best >= MARGIN, (
        f"the MLP (best epoch {mlp_best:.3f}) is only {cnn_test - mlp_best:.3f} below the CNN "
        f"({cnn_test:.3f})")
