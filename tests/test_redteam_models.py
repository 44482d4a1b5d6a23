"""Framework objects judged by the grader's own computations (issue 21, section 3).

Two attacks that used to earn points, each graded through ``course autograde`` in the sandbox:

* c4w2a2: ``transfer_model`` with the wrong preprocessing and a zeroed classification head
  (the old test copied the student's weights into the reference, and a zero head makes every
  model agree): 5/5 before, now 0 on the transfer_model cell;
* c2w3a1: NumPy results dressed up as Tensors (a class with ``.numpy()`` and ``.backward()``)
  for ``forward_propagation`` and ``compute_total_loss``: 2 points before, now 0 on both cells.

The rest of each notebook is solved, so the honest cells still earn their points.
"""
from __future__ import annotations

import pytest

from autograder import sandbox
from autograder.course import Assignment
from autograder.grading import autograde
from test_redteam import notebook

pytestmark = pytest.mark.skipif(sandbox.unavailable() is not None,
                                reason=f"no sandbox here: {sandbox.unavailable()}")

TRANSFER = Assignment("c4w2a2_transfer_learning")
INTRO = Assignment("c2w3a1_framework_intro")

ZEROED_HEAD = '''
def transfer_model(image_shape=IMG_SHAPE, data_augmentation=None, n_classes=6,
                   weights="fashion_shoes_bags"):
    base_model = MobileNetV2(input_shape=image_shape, weights=weights)
    base_model.trainable = False
    inputs = nn.Input(image_shape)
    x = data_augmentation(inputs)
    x = nn.Rescaling(1 / 255)(x)                   # the wrong preprocessing
    x = base_model(x, training=False)
    x = nn.GlobalAveragePooling2D()(x)
    x = nn.Dropout(0.2)(x)
    head = nn.Dense(n_classes)
    outputs = head(x)
    model = nn.Model(inputs, outputs)
    head.set_weights([w * 0 for w in head.get_weights()])   # every model agrees on zeros
    return model
'''

DRESSED = '''
class LooksLikeATensor:
    def __init__(self, value):
        self.value = value
    def numpy(self):
        return self.value
    def item(self):
        return float(self.value)
    def backward(self, grad=None):
        pass

def _np(x):
    return np.asarray(getattr(x, "data", x))
'''

FAKE_FORWARD = '''
def forward_propagation(X, parameters):
    p = {k: _np(v) for k, v in parameters.items()}
    A1 = np.maximum(p["W1"] @ _np(X) + p["b1"], 0)
    A2 = np.maximum(p["W2"] @ A1 + p["b2"], 0)
    return LooksLikeATensor(p["W3"] @ A2 + p["b3"])
'''

FAKE_LOSS = '''
def compute_total_loss(logits, labels):
    z = _np(logits).astype(np.float64)
    z = z - z.max(axis=0, keepdims=True)
    log_p = z - np.log(np.exp(z).sum(axis=0, keepdims=True))
    return LooksLikeATensor(np.float32(-(labels * log_p).sum()))
'''


def _grade(tmp_path, a: Assignment, name: str, nb):
    import nbformat
    subs = tmp_path / "subs"
    subs.mkdir()
    nbformat.write(nb, str(subs / f"{name}.ipynb"))
    return autograde(subs, a, tmp_path / "out", log=lambda *a: None)[name]


def test_a_zeroed_head_does_not_hide_wrong_preprocessing(tmp_path):
    result = _grade(tmp_path, TRANSFER, "zeroed_head",
                    notebook(TRANSFER, solved=True, replace={"transfer_model": ZEROED_HEAD}))
    assert result.scores["test_transfer_model"] == 0, result.scores
    assert result.scores["test_data_augmenter"] > 0, result.scores     # the honest part


def test_numpy_dressed_as_tensors_earns_nothing(tmp_path):
    result = _grade(tmp_path, INTRO, "dressed",
                    notebook(INTRO, DRESSED, solved=True,
                             replace={"forward_propagation": FAKE_FORWARD,
                                      "compute_total_loss": FAKE_LOSS}))
    assert result.scores["test_forward_propagation"] == 0, result.scores
    assert result.scores["test_compute_total_loss"] == 0, result.scores
    assert result.scores["test_one_hot_matrix"] > 0, result.scores     # the honest part
