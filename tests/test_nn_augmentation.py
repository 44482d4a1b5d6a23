"""utils.nn.augmentation: RandomTranslation shifts whole pixels, fills, and is differentiable."""
import numpy as np
import pytest

from utils import nn
from utils.gradcheck import numerical_gradient, relative_error


class _FixedShifts:
    """A stand-in generator whose integers() returns given shifts (rows first, then columns)."""

    def __init__(self, dy, dx):
        self.calls = [np.asarray(dy), np.asarray(dx)]

    def integers(self, low, high, size):
        return self.calls.pop(0)[:size]


@pytest.mark.parametrize("fill_mode", ["reflect", "nearest", "constant"])
def test_random_translation_shifts_whole_pixels(fill_mode):
    rng = np.random.default_rng(4)
    img = rng.random((2, 5, 6, 3)).astype(np.float32)
    layer = nn.RandomTranslation(0.4, 0.4, fill_mode=fill_mode, fill_value=-1.0)
    np.testing.assert_array_equal(layer(img, training=False).data, img)
    layer._rng = _FixedShifts([0, 1], [0, -2])       # image 1: one row down, two columns left
    out = layer(img, training=True).data
    np.testing.assert_array_equal(out[0], img[0])
    np.testing.assert_array_equal(out[1, 1:, :4], img[1, :4, 2:])
    filled = {"constant": np.full(3, -1.0), "nearest": img[1, 0, 2],
              "reflect": img[1, 0, 2]}[fill_mode]
    np.testing.assert_allclose(out[1, 0, 0], filled)
    a = nn.RandomTranslation(0.2, 0.2, seed=5)(img, training=True).data
    b = nn.RandomTranslation(0.2, 0.2, seed=5)(img, training=True).data
    np.testing.assert_array_equal(a, b)
    with pytest.raises(nn.LayerError, match="RandomTranslation"):
        nn.RandomTranslation(0.1, 0.1)(np.zeros((2, 5, 5)), training=True)


def test_random_translation_gradient():
    rng = np.random.default_rng(6)
    x0 = rng.normal(size=(2, 4, 4, 1))
    w = rng.normal(size=(2, 4, 4, 1))
    layer = nn.RandomTranslation(0.5, 0.5, fill_mode="constant")

    def shifted(x, training=True):
        layer._rng = _FixedShifts([1, -2], [2, 0])
        return layer(x, training=training)

    x = nn.Tensor(x0, requires_grad=True, dtype=np.float64)
    nn.ops.sum(shifted(x) * w).backward()
    numeric = numerical_gradient(
        lambda: float(np.sum(shifted(nn.Tensor(x0, dtype=np.float64)).data * w)), x0)
    assert relative_error(x.grad, numeric) < 1e-7
