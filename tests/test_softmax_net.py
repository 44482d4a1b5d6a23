"""utils.softmax_net (c2w3a1's reference answers) agrees with the notebook that teaches it and
with the data it is trained on: c4w1a2 compares its CNN with ``softmax_net.model`` trained for
its default number of epochs, which must be the notebook's."""
from pathlib import Path

import numpy as np

from autograder.mistakes import default_argument, solution_cells
from utils import softmax_net
from utils.data import load_dataset


def test_model_defaults_are_the_notebooks():
    reference = Path(softmax_net.__file__).read_text()
    notebook = solution_cells("c2w3a1_framework_intro")["model"]
    for argument in ("learning_rate", "num_epochs", "minibatch_size"):
        assert (default_argument(reference, "model", argument)
                == default_argument(notebook, "model", argument)), argument


def test_layer_sizes_fit_the_flattened_hand_signs():
    data = load_dataset("signs")
    n_x = int(np.prod(data["train_x"].shape[1:]))
    assert softmax_net.LAYER_SIZES == (n_x, 25, 12, 6)
    assert len(data["classes"]) == softmax_net.LAYER_SIZES[-1]
    parameters = softmax_net.initialize_parameters()
    assert parameters["W1"].shape == (25, n_x) and parameters["b1"].shape == (25, 1)
    assert all(v.dtype == np.float32 for v in parameters.values())
