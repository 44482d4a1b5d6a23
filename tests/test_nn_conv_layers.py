"""utils.nn.conv_layers: Keras-style convolution and pooling layers.  Outputs are compared with
the loop references of test_nn_conv, gradients (input and every weight, through autograd) are
checked against finite differences in float64, and wrong inputs must raise errors that name
the layer and the shapes."""
import numpy as np
import pytest

from utils import nn
from utils.gradcheck import numerical_gradient, relative_error
from utils.nn import Tensor

from test_nn_conv import loop_conv2d, loop_depthwise, loop_pool

F64 = np.float64


@pytest.fixture
def f64():
    nn.set_default_dtype(F64)
    yield
    nn.set_default_dtype(np.float32)


def grad_errors(layer, x):
    x = np.asarray(x, dtype=F64)
    xt = Tensor(x, requires_grad=True, dtype=F64)
    out = layer(xt)
    R = np.random.default_rng(0).normal(size=out.shape)
    (out * R).sum().backward()

    def f():
        with nn.no_grad():
            return float((layer(Tensor(x, dtype=F64)).data * R).sum())
    errors = {"x": relative_error(numerical_gradient(f, x), xt.grad)}
    for w in layer.trainable_weights:
        errors[w.name] = relative_error(numerical_gradient(f, w.data), w.grad)
    return errors


@pytest.mark.parametrize("padding,strides", [("valid", 1), ("same", 2), ("same", (1, 2))])
def test_conv2d_layer(f64, padding, strides):
    rng = np.random.default_rng(1)
    layer = nn.Conv2D(3, (3, 3), strides=strides, padding=padding, activation="tanh")
    x = rng.normal(size=(2, 6, 5, 2))
    out = layer(x).data
    s = strides if isinstance(strides, int) else None
    assert layer.kernel.shape == (3, 3, 2, 3) and layer.bias.shape == (3,)
    if s is not None:
        ref = np.tanh(loop_conv2d(x, layer.kernel.data, layer.bias.data, s, padding))
        np.testing.assert_allclose(out, ref, atol=1e-12)
    assert max(grad_errors(layer, x).values()) < 1e-7


def test_conv2d_same_keeps_size_and_no_bias(f64):
    layer = nn.Conv2D(4, 5, padding="same", use_bias=False)
    out = layer(np.ones((1, 7, 7, 3)))
    assert out.shape == (1, 7, 7, 4) and len(layer.weights) == 1
    assert max(grad_errors(layer, np.random.default_rng(2).normal(size=(1, 5, 5, 3))).values()) \
        < 1e-7


def test_transpose_conv1d_depthwise_layers(f64):
    rng = np.random.default_rng(3)
    t = nn.Conv2DTranspose(2, 3, strides=2, padding="same")
    assert t(rng.normal(size=(2, 3, 4, 3))).shape == (2, 6, 8, 2)
    assert t.kernel.shape == (3, 3, 2, 3)
    assert max(grad_errors(t, rng.normal(size=(2, 3, 4, 3))).values()) < 1e-7
    c1 = nn.Conv1D(4, 3, padding="causal", activation="relu")
    assert c1(rng.normal(size=(2, 7, 3))).shape == (2, 7, 4) and c1.kernel.shape == (3, 3, 4)
    assert max(grad_errors(nn.Conv1D(2, 3, strides=2), rng.normal(size=(2, 9, 3))).values()) \
        < 1e-7
    d = nn.DepthwiseConv2D(3, depth_multiplier=2, padding="same")
    x = rng.normal(size=(2, 5, 5, 3))
    np.testing.assert_allclose(d(x).data, loop_depthwise(x, d.depthwise_kernel.data,
                                                        d.bias.data, 1, "same"), atol=1e-12)
    assert d.depthwise_kernel.shape == (3, 3, 3, 2) and d(x).shape == (2, 5, 5, 6)
    assert max(grad_errors(d, x).values()) < 1e-7


def test_pooling_padding_upsampling_layers(f64):
    rng = np.random.default_rng(4)
    x = rng.normal(size=(2, 7, 6, 3))
    np.testing.assert_allclose(nn.MaxPooling2D(3, strides=2)(x).data,
                               loop_pool(x, 3, 2, "valid", "max"))
    np.testing.assert_allclose(nn.AveragePooling2D(2, padding="same")(x).data,
                               loop_pool(x, 2, 2, "same", "average"))
    assert nn.MaxPool2D is nn.MaxPooling2D
    assert nn.MaxPool2D()(x).shape == (2, 3, 3, 3)
    assert nn.GlobalAveragePooling2D()(x).shape == (2, 3)
    assert nn.ZeroPadding2D(((1, 2), (0, 1)))(x).shape == (2, 10, 7, 3)
    assert nn.UpSampling2D((2, 3))(x).shape == (2, 14, 18, 3)
    for layer in [nn.MaxPooling2D(2, 1), nn.AveragePooling2D(3, 2, "same"),
                  nn.GlobalAveragePooling2D(), nn.ZeroPadding2D(1), nn.UpSampling2D(2)]:
        assert max(grad_errors(layer, x).values()) < 1e-7, layer


def test_cnn_in_a_model_trains():
    nn.set_seed(0)
    rng = np.random.default_rng(0)
    # two classes: a bright blob in the left or in the right half
    y = rng.integers(0, 2, size=64)
    x = rng.normal(scale=0.3, size=(64, 8, 8, 1)).astype(np.float32)
    for i, c in enumerate(y):
        x[i, 2:6, 1 + 4 * c:3 + 4 * c, 0] += 2.0
    model = nn.Sequential([nn.Input((8, 8, 1)), nn.Conv2D(4, 3, padding="same",
                                                          activation="relu"),
                           nn.MaxPooling2D(2), nn.Flatten(), nn.Dense(1, activation="sigmoid")])
    model.compile(optimizer=nn.Adam(0.05), loss="binary_crossentropy", metrics=["accuracy"])
    model.fit(x, y.reshape(-1, 1).astype(np.float32), epochs=15, batch_size=16, verbose=0)
    assert model.evaluate(x, y.reshape(-1, 1).astype(np.float32), verbose=0)[1] > 0.9


def test_errors_name_the_layer_and_shapes():
    with pytest.raises(nn.LayerError, match=r"'conv2d_err' \(Conv2D\) expects input of shape "
                                            r"\(m, n_H, n_W, n_C\).*channel axis"):
        nn.Conv2D(2, 3, name="conv2d_err")(np.zeros((2, 8, 8)))
    layer = nn.Conv2D(2, 3)
    layer(np.zeros((1, 5, 5, 3)))
    with pytest.raises(nn.LayerError, match="built for 3 input channels"):
        layer(np.zeros((1, 5, 5, 4)))
    with pytest.raises(nn.LayerError, match="window does not fit"):
        nn.MaxPooling2D(4)(np.zeros((1, 3, 3, 1)))
    with pytest.raises(ValueError, match="Conv2D: padding must be one of"):
        nn.Conv2D(2, 3, padding="full")
    with pytest.raises(nn.LayerError, match=r"Conv1D\) expects input of shape \(m, n_L, n_C\)"):
        nn.Conv1D(2, 3)(np.zeros((1, 5, 5, 1)))


def test_default_names_follow_keras():
    nn.clear_session()
    names = [nn.Conv2D(2, 3).name, nn.Conv2D(2, 3).name, nn.MaxPooling2D().name,
             nn.Conv2DTranspose(2, 3).name, nn.DepthwiseConv2D(3).name, nn.Conv1D(2, 3).name,
             nn.GlobalAveragePooling2D().name, nn.ZeroPadding2D().name,
             nn.UpSampling2D().name, nn.AveragePooling2D(name="pool").name]
    assert names == ["conv2d", "conv2d_1", "max_pooling2d", "conv2d_transpose",
                     "depthwise_conv2d", "conv1d", "global_average_pooling2d",
                     "zero_padding2d", "up_sampling2d", "pool"]


def test_first_layer_skips_the_input_gradient(f64):
    layer = nn.Conv2D(2, 3)
    x = Tensor(np.random.default_rng(1).normal(size=(1, 5, 5, 2)))        # data: no grad
    layer(x).sum().backward()
    assert x.grad is None and layer.kernel.grad is not None
