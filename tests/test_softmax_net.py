"""utils.softmax_net (c2w3a1's reference answers) agrees with the notebook that teaches it and
with the data it is trained on: c4w1a2 compares its CNN with ``softmax_net.model`` trained for
its default number of epochs, which must be the notebook's."""
import ast
from pathlib import Path

import numpy as np

from autograder.mistakes import solution_cells
from utils import softmax_net
from utils.data import load_dataset


def _default(source: str, function: str, argument: str):
    # The default value of `argument` in the def of `function` in `source` (read, not run: the
    # reference is guarded and hides its signature).
    tree = ast.parse(source)
    node = next(n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name == function)
    names = [a.arg for a in node.args.args]
    defaults = dict(zip(names[len(names) - len(node.args.defaults):], node.args.defaults))
    return ast.literal_eval(defaults[argument])


def test_model_defaults_are_the_notebooks():
    reference = Path(softmax_net.__file__).read_text()
    notebook = solution_cells("c2w3a1_framework_intro")["model"]
    for argument in ("learning_rate", "num_epochs", "minibatch_size"):
        assert _default(reference, "model", argument) == _default(notebook, "model", argument)


def test_layer_sizes_fit_the_flattened_hand_signs():
    data = load_dataset("signs")
    n_x = int(np.prod(data["train_x"].shape[1:]))
    assert softmax_net.LAYER_SIZES == (n_x, 25, 12, 6)
    assert len(data["classes"]) == softmax_net.LAYER_SIZES[-1]
    parameters = softmax_net.initialize_parameters()
    assert parameters["W1"].shape == (25, n_x) and parameters["b1"].shape == (25, 1)
    assert all(v.dtype == np.float32 for v in parameters.values())
