"""What MobileNetV2 needs from the framework (c4w2a2): ReLU6 (ReLU(max_value=6), gradient-
checked), Rescaling, and the small MobileNetV2 of utils/mobilenet.py: shapes, residual
connections, freezing and unfreezing its top layers."""
import numpy as np
import pytest

from utils import nn
from utils.gradcheck import numerical_gradient, relative_error
from utils.mobilenet import BLOCKS, LAST_FILTERS, STEM_FILTERS, MobileNetV2, inverted_residual_block, preprocess_input
from utils.nn import ops
from utils.nn.tensor import Tensor

F64 = np.float64


def _grad_check(fn, x, tol=1e-6):
    t = Tensor(x, requires_grad=True, dtype=F64)
    out = fn(t)
    w = np.random.default_rng(1).normal(size=out.shape)
    (out * w).sum().backward()

    def f():
        with nn.no_grad():
            return float((fn(Tensor(x, dtype=F64)).data * w).sum())
    err = relative_error(numerical_gradient(f, x), t.grad)
    assert err < tol, f"relative error {err:.2e}"


def test_relu6_values_and_gradient():
    x = np.random.default_rng(0).uniform(-3, 9, size=(4, 5, 3))
    x[np.abs(x) < 0.05] = 0.3                 # keep away from the kinks at 0 and 6
    x[np.abs(x - 6) < 0.05] = 5.5
    out = ops.relu(Tensor(x, dtype=F64), max_value=6.0).data
    np.testing.assert_array_equal(out, np.clip(x, 0, 6))
    np.testing.assert_array_equal(ops.relu6(Tensor(x, dtype=F64)).data, np.clip(x, 0, 6))
    _grad_check(lambda t: ops.relu(t, max_value=6.0), x)
    _grad_check(ops.relu6, x)
    _grad_check(nn.ReLU(6.0), x)
    _grad_check(nn.ReLU(max_value=2.5), x)
    _grad_check(nn.Activation("relu6"), x)


def test_relu_layer_without_max_value_is_unchanged():
    x = np.random.default_rng(2).normal(size=(3, 4))
    np.testing.assert_array_equal(nn.ReLU()(x).numpy(), np.maximum(x, 0).astype(np.float32))
    with pytest.raises(ValueError, match="max_value"):
        nn.ReLU(max_value=0)


def test_rescaling():
    x = np.arange(256, dtype=np.uint8).reshape(1, 16, 16, 1)
    out = nn.Rescaling(1 / 127.5, offset=-1)(x)
    assert out.dtype == np.float32
    np.testing.assert_allclose(out.numpy(), x / 127.5 - 1, atol=1e-6)
    np.testing.assert_allclose(preprocess_input(x.astype(np.float32)).numpy(), x / 127.5 - 1,
                               atol=1e-6)
    _grad_check(nn.Rescaling(0.5, offset=2.0), np.random.default_rng(3).normal(size=(2, 3)))
    inp = nn.Input((8, 8, 1))
    assert preprocess_input(inp).shape == (None, 8, 8, 1)


def test_inverted_residual_block_shapes_and_residual():
    inp = nn.Input((8, 8, 6))
    same = inverted_residual_block(inp, 4, 6, 1, block_id=1)
    down = inverted_residual_block(inp, 4, 10, 2, block_id=2)
    assert same.shape == (None, 8, 8, 6) and down.shape == (None, 4, 4, 10)
    model = nn.Model(inp, [same, down])
    types = [type(l).__name__ for l in model.layers]
    assert types.count("Add") == 1 and types.count("DepthwiseConv2D") == 2
    # expand 6*4*6 + depthwise 9*24 + project 24*6 + 3 BN layers of 4 weights each
    block1 = [l for l in model.layers if l.name.startswith("block_1_")]
    assert sum(l.count_params() for l in block1) == 144 + 216 + 144 + 4 * (24 + 24 + 6)


def test_mobilenet_shapes_freezing_and_fine_tuning():
    nn.set_seed(0)
    base = MobileNetV2()
    x = np.random.default_rng(0).uniform(-1, 1, size=(3, 28, 28, 1)).astype(np.float32)
    assert base(x).shape == (3, 4, 4, LAST_FILTERS)
    channels_in = [STEM_FILTERS] + [c for _, c, _ in BLOCKS[:-1]]
    assert sum(type(l).__name__ == "Add" for l in base.layers) == \
        sum(1 for n, (_, c, s) in zip(channels_in, BLOCKS) if s == 1 and n == c)
    base.trainable = False
    assert base.trainable_weights == []
    base.trainable = True
    cut = [l.name for l in base.layers].index("block_5_expand")
    for layer in base.layers[:cut]:
        layer.trainable = False
    trainable = {w.name.split("/")[0] for w in base.trainable_weights}
    assert trainable == {l.name for l in base.layers[cut:] if l.weights}
    # pinned inference mode: a training step leaves the moving averages alone
    inp = nn.Input((28, 28, 1))
    model = nn.Model(inp, nn.Dense(2)(nn.GlobalAveragePooling2D()(base(inp, training=False))))
    before = [w.copy() for w in base.get_weights()]
    model(x, training=True)
    assert all(np.array_equal(a, b) for a, b in zip(before, base.get_weights()))
    model2 = nn.Model(inp, nn.Dense(2)(nn.GlobalAveragePooling2D()(base(inp))))
    model2(x, training=True)
    assert not all(np.array_equal(a, b) for a, b in zip(before, base.get_weights()))


def test_configs():
    assert nn.ReLU(6.0).get_config()["max_value"] == 6.0
    assert nn.ReLU().get_config()["max_value"] is None
    config = nn.Rescaling(0.5, offset=-1).get_config()
    assert (config["scale"], config["offset"]) == (0.5, -1.0)
