"""utils.nn layers, models, losses and optimizers: compared with plain NumPy / loop versions,
gradient-checked in float64, and a small model trained to a known accuracy."""
import numpy as np
import pytest

from utils import nn
from utils.gradcheck import numerical_gradient, relative_error
from utils.nn import Tensor, losses, ops

F64 = np.float64


@pytest.fixture
def f64():
    nn.set_default_dtype(F64)
    yield
    nn.set_default_dtype(np.float32)


def layer_grad_errors(layer, x, training=True):
    """Relative errors of d sum(layer(x) * R) / d (x and every weight) vs finite differences."""
    x = np.asarray(x, dtype=F64)
    xt = Tensor(x, requires_grad=True, dtype=F64)
    out = layer(xt, training=training)
    R = np.random.default_rng(0).normal(size=out.shape)
    (out * R).sum().backward()

    def f():
        with nn.no_grad():
            return float((layer(Tensor(x, dtype=F64), training=training).data * R).sum())
    errors = {"x": relative_error(numerical_gradient(f, x), xt.grad)}
    for w in layer.trainable_weights:
        errors[w.name] = relative_error(numerical_gradient(f, w.data), w.grad)
    return errors


# ----------------------------------------------------------------------------- layers
def test_dense_matches_numpy_and_gradcheck(f64):
    rng = np.random.default_rng(1)
    layer = nn.Dense(4, activation="tanh")
    x = rng.normal(size=(5, 3))
    out = layer(x).data
    np.testing.assert_allclose(out, np.tanh(x @ layer.kernel.data + layer.bias.data))
    assert layer.kernel.shape == (3, 4) and layer.bias.shape == (4,)
    assert max(layer_grad_errors(layer, x).values()) < 1e-7
    seq = nn.Dense(2)
    x3 = rng.normal(size=(2, 5, 3))            # (m, T, n): the same weights at every step
    np.testing.assert_allclose(seq(x3).data[:, 1], seq(x3[:, 1]).data)
    assert max(layer_grad_errors(seq, x3).values()) < 1e-7


def test_glorot_and_seed():
    nn.set_seed(3)
    a = nn.Dense(50)
    a(np.zeros((1, 40)))
    nn.set_seed(3)
    b = nn.Dense(50)
    b(np.zeros((1, 40)))
    np.testing.assert_array_equal(a.kernel.data, b.kernel.data)
    limit = np.sqrt(6 / 90)
    assert np.abs(a.kernel.data).max() <= limit and np.abs(a.kernel.data).max() > 0.9 * limit
    assert a.kernel.dtype == np.float32
    he = nn.initializers.HeNormal()((400, 300))
    assert abs(he.std() - np.sqrt(2 / 400)) < 0.002


def test_seeded_initializers_repeat_without_touching_the_framework_generator():
    for init in (nn.initializers.GlorotUniform(seed=0), nn.initializers.GlorotNormal(seed=1),
                 nn.initializers.HeNormal(seed=2), nn.initializers.HeUniform(seed=3),
                 nn.initializers.RandomNormal(seed=4), nn.initializers.RandomUniform(seed=5)):
        nn.set_seed(7)
        first = init((3, 3, 4, 8))
        state = nn.rng().bit_generator.state
        nn.rng().random(10)
        np.testing.assert_array_equal(init((3, 3, 4, 8)), first)
        assert init((3, 3, 4, 8)).dtype == np.float32
        nn.set_seed(7)
        init((2, 5))
        assert nn.rng().bit_generator.state == state, f"{init!r} drew from the framework's rng"
    # two layers built with one seeded initializer get the same kernel, whatever came between
    a = nn.Conv2D(4, 3, kernel_initializer=nn.initializers.GlorotUniform(seed=0))
    a(np.zeros((1, 5, 5, 2)))
    nn.Dense(3)(np.zeros((1, 2)))
    b = nn.Conv2D(4, 3, kernel_initializer=nn.initializers.GlorotUniform(seed=0))
    b(np.zeros((1, 5, 5, 2)))
    np.testing.assert_array_equal(a.kernel.data, b.kernel.data)
    u = nn.initializers.get("random_uniform")((1000,))
    assert -0.05 <= u.min() and u.max() < 0.05
    assert repr(nn.initializers.HeNormal(seed=3)) == "HeNormal(seed=3)"


def test_batch_normalization(f64):
    rng = np.random.default_rng(2)
    bn = nn.BatchNormalization(momentum=0.9)
    x = rng.normal(size=(8, 3, 3, 4)) * 3 + 2
    out = bn(x, training=True).data
    np.testing.assert_allclose(out.mean(axis=(0, 1, 2)), 0, atol=1e-12)
    np.testing.assert_allclose(bn.moving_mean.data, 0.1 * x.mean(axis=(0, 1, 2)))
    # inference uses the moving statistics
    mm, mv = bn.moving_mean.data, bn.moving_variance.data
    np.testing.assert_allclose(bn(x, training=False).data, (x - mm) / np.sqrt(mv + 1e-3))
    assert len(bn.trainable_weights) == 2 and len(bn.weights) == 4
    errs = layer_grad_errors(nn.BatchNormalization(), rng.normal(size=(6, 5)))
    assert max(errs.values()) < 1e-6
    # a frozen batch norm runs in inference mode and keeps its statistics
    bn.trainable = False
    before = bn.moving_mean.data.copy()
    bn(x, training=True)
    np.testing.assert_array_equal(bn.moving_mean.data, before)


def test_layer_normalization(f64):
    rng = np.random.default_rng(3)
    ln = nn.LayerNormalization()
    x = rng.normal(size=(2, 3, 5))
    out = ln(x).data
    ref = (x - x.mean(-1, keepdims=True)) / np.sqrt(x.var(-1, keepdims=True) + 1e-3)
    np.testing.assert_allclose(out, ref)
    assert max(layer_grad_errors(ln, x).values()) < 1e-6


def test_dropout_layer():
    x = np.ones((200, 50), dtype=np.float32)
    d = nn.Dropout(0.2, seed=0)
    np.testing.assert_array_equal(d(x, training=False).data, x)
    out = d(x, training=True).data
    assert set(np.unique(out)) <= {0, np.float32(1.25)} and 0.75 < (out > 0).mean() < 0.85
    a = nn.Dropout(0.5, seed=4)(x, training=True).data
    b = nn.Dropout(0.5, seed=4)(x, training=True).data
    np.testing.assert_array_equal(a, b)


def test_shape_and_merge_layers(f64):
    rng = np.random.default_rng(4)
    x = rng.normal(size=(2, 3, 4))
    assert nn.Flatten()(x).shape == (2, 12)
    np.testing.assert_array_equal(nn.Reshape((4, 3))(x).data, x.reshape(2, 4, 3))
    y = rng.normal(size=(2, 3, 4))
    np.testing.assert_allclose(nn.Add()([x, y, x]).data, 2 * x + y)
    assert nn.Concatenate()([x, y]).shape == (2, 3, 8)
    assert nn.Concatenate(axis=1)([x, y]).shape == (2, 6, 4)
    # Dot, compared with loops over the examples
    a, b = rng.normal(size=(5, 3)), rng.normal(size=(5, 3))
    np.testing.assert_allclose(nn.Dot(axes=1)([a, b]).data[:, 0], [a[i] @ b[i] for i in range(5)])
    alphas, values = rng.normal(size=(5, 7, 1)), rng.normal(size=(5, 7, 4))
    out = nn.Dot(axes=1)([alphas, values]).data
    assert out.shape == (5, 1, 4)
    np.testing.assert_allclose(out[:, 0], [alphas[i, :, 0] @ values[i] for i in range(5)])
    p, q = rng.normal(size=(2, 3, 4)), rng.normal(size=(2, 4, 5))
    np.testing.assert_allclose(nn.Dot(axes=(2, 1))([p, q]).data, p @ q)
    rep = nn.RepeatVector(3)(a).data
    assert rep.shape == (5, 3, 3) and np.all(rep[:, 2] == a)
    assert max(layer_grad_errors(nn.RepeatVector(4), a).values()) < 1e-7


def test_activation_layers():
    x = np.array([[-1.0, 0.5, 2.0]])
    np.testing.assert_allclose(nn.ReLU()(x).data, [[0, 0.5, 2]])
    np.testing.assert_allclose(nn.Activation("sigmoid")(x).data, 1 / (1 + np.exp(-x)), rtol=1e-6)
    s = nn.Softmax()(x).data
    np.testing.assert_allclose(s, np.exp(x) / np.exp(x).sum(), rtol=1e-6)
    np.testing.assert_allclose(nn.LeakyReLU(0.1)(x).data, [[-0.1, 0.5, 2]], rtol=1e-6)


def test_random_flip():
    img = np.arange(2 * 3 * 4 * 1, dtype=np.float32).reshape(2, 3, 4, 1)
    batch = np.repeat(img[:1], 40, axis=0)
    flip = nn.RandomFlip("horizontal", seed=0)
    np.testing.assert_array_equal(flip(batch, training=False).data, batch)
    out = flip(batch, training=True).data
    same = np.all(out == batch, axis=(1, 2, 3))
    mirrored = np.all(out == batch[:, :, ::-1], axis=(1, 2, 3))
    assert np.all(same | mirrored) and 5 < mirrored.sum() < 35
    again = nn.RandomFlip("horizontal", seed=0)(batch, training=True).data
    np.testing.assert_array_equal(out, again)


def test_clear_errors():
    with pytest.raises(nn.LayerError, match=r"'dense_x'.*\(None, 4, 4, 3\).*Flatten"):
        nn.Dense(3, name="dense_x")(np.zeros((2, 4, 4, 3)))
    with pytest.raises(nn.LayerError, match=r"Add.*\(None, 3\), \(None, 4\)"):
        nn.Add()([np.zeros((2, 3)), np.zeros((2, 4))])
    d = nn.Dense(2, name="d5")
    d(np.zeros((1, 5)))
    with pytest.raises(nn.LayerError, match="'d5'.*built for 5 input features"):
        d(np.zeros((1, 6)))
    with pytest.raises(nn.LayerError, match="Reshape"):
        nn.Reshape((5,))(np.zeros((2, 3, 2)))
    with pytest.raises(nn.LayerError, match="Concatenate"):
        nn.Concatenate(axis=1)([np.zeros((2, 3, 4)), np.zeros((2, 3, 5))])


def test_shared_layer_gradients_add_up(f64):
    d = nn.Dense(2, use_bias=False)
    x1, x2 = np.random.default_rng(5).normal(size=(2, 3, 4))
    (d(x1).sum() + d(x2).sum()).backward()
    np.testing.assert_allclose(d.kernel.grad, np.tile((x1 + x2).sum(0)[:, None], (1, 2)))


# ---------------------------------------------------------------------------- models
def make_blobs(seed=0, m=600, n=10, classes=3):
    rng = np.random.default_rng(seed)
    centres = rng.normal(size=(classes, n)) * 1.5
    y = rng.integers(0, classes, size=m)
    return (centres[y] + rng.normal(size=(m, n))).astype(np.float32), y


def test_sequential_trains_to_known_accuracy():
    x, y = make_blobs()
    nn.set_seed(0)
    model = nn.Sequential([nn.Input((10,)), nn.Dense(16, activation="relu"),
                           nn.Dense(3, activation="softmax")])
    model.compile(nn.Adam(0.01), "sparse_categorical_crossentropy", ["accuracy"])
    hist = model.fit(x[:500], y[:500], epochs=15, batch_size=32, verbose=0,
                     validation_data=(x[500:], y[500:]))
    assert set(hist.history) == {"loss", "accuracy", "val_loss", "val_accuracy"}
    assert hist.history["loss"][-1] < hist.history["loss"][0]
    loss, acc = model.evaluate(x[500:], y[500:], verbose=0)
    assert acc > 0.9 and abs(acc - hist.history["val_accuracy"][-1]) < 1e-12
    assert model.predict(x[:7]).shape == (7, 3)
    # the same seed gives the same run
    nn.set_seed(0)
    again = nn.Sequential([nn.Input((10,)), nn.Dense(16, activation="relu"),
                           nn.Dense(3, activation="softmax")])
    again.compile(nn.Adam(0.01), "sparse_categorical_crossentropy", ["accuracy"])
    h2 = again.fit(x[:500], y[:500], epochs=15, batch_size=32, verbose=0)
    np.testing.assert_allclose(h2.history["loss"], hist.history["loss"])


def test_summary_data_and_freezing(capsys):
    model = nn.Sequential([nn.Dense(8, activation="relu", input_shape=(5,)),
                           nn.BatchNormalization(), nn.Dense(2, name="head")])
    rows = model.summary_data()
    assert [r["params"] for r in rows] == [48, 32, 18]
    assert rows[0]["output_shape"] == (None, 8) and rows[2]["name"] == "head"
    model.summary()
    text = capsys.readouterr().out
    assert "Total params: 98" in text and "Non-trainable params: 16" in text
    model.layers[0].trainable = False
    assert len(model.trainable_weights) == 4
    x, y = make_blobs(m=64, n=5, classes=2)
    before = model.layers[0].kernel.data.copy()
    model.compile("sgd", losses.SparseCategoricalCrossentropy(from_logits=True))
    model.fit(x, y, epochs=1, verbose=0)
    np.testing.assert_array_equal(model.layers[0].kernel.data, before)
    assert model.get_layer("head") is model.layers[2]


def test_summary_keeps_columns_apart_for_long_names(capsys):
    model = nn.Sequential([nn.Input((4,)), nn.BatchNormalization(name="batch_normalization_12")])
    model.summary()
    row = [l for l in capsys.readouterr().out.splitlines() if "batch_normalization_12" in l][0]
    assert "(BatchNormalization) (None, 4)" in row.replace("  ", " ").replace("  ", " ")
    assert row.split(")")[1].startswith(" ")


def test_sequential_built_on_first_call():
    model = nn.Sequential([nn.Flatten(), nn.Dense(3)])
    with pytest.raises(RuntimeError, match="not built"):
        model.summary_data()
    model(np.zeros((2, 4, 4)))
    assert model.summary_data()[1]["output_shape"] == (None, 3)


def test_functional_shared_layers_multi_io(tmp_path):
    nn.clear_session()
    nn.set_seed(2)
    a, b = nn.Input((6,), name="left"), nn.Input((6,), name="right")
    shared = nn.Dense(4, activation="tanh", name="shared")
    ha, hb = shared(a), shared(b)
    merged = nn.Concatenate()([ha, hb])
    out1 = nn.Dense(1, activation="sigmoid", name="same")(merged)
    out2 = nn.Dense(1, name="diff")(nn.Add()([ha, hb]))
    model = nn.Model([a, b], [out1, out2])
    names = [l.name for l in model.layers]
    assert names == ["left", "shared", "right", "concatenate", "same", "add", "diff"]
    assert model.get_layer("shared").count_params() == 28
    assert model.count_params() == 28 + 9 + 5
    rng = np.random.default_rng(0)
    xa, xb = rng.normal(size=(3, 6)), rng.normal(size=(3, 6))
    p1, p2 = model.predict([xa, xb])
    w, c = shared.kernel.data, shared.bias.data
    ha_np, hb_np = np.tanh(xa @ w + c), np.tanh(xb @ w + c)
    d = model.get_layer("diff")
    np.testing.assert_allclose(p2, (ha_np + hb_np) @ d.kernel.data + d.bias.data, rtol=1e-5)
    model.compile("adam", ["binary_crossentropy", "mse"])
    model.fit([xa, xb], [np.ones((3, 1)), np.zeros((3, 1))], epochs=2, verbose=0)
    # save and load weights
    path = tmp_path / "w.h5"
    model.save_weights(path)
    saved = model.get_weights()
    for w_ in model.weights:
        w_.data[...] = 0
    model.load_weights(path)
    for s, w_ in zip(saved, model.get_weights()):
        np.testing.assert_array_equal(s, w_)
    other = nn.Sequential([nn.Input((6,)), nn.Dense(3)])
    with pytest.raises(ValueError, match="architectures differ"):
        other.load_weights(path)
    # a model is a layer: nest it, frozen, in inference mode
    base = nn.Model(a, ha)
    x = nn.Input((6,))
    outer = nn.Model(x, nn.Dense(2)(base(x, training=False)))
    base.trainable = False
    assert len(outer.trainable_weights) == 2


def test_model_input_shape_error():
    inp = nn.Input((4,))
    model = nn.Model(inp, nn.Dense(2)(inp))
    with pytest.raises(nn.LayerError, match=r"expects shape \(None, 4\)"):
        model.predict(np.zeros((3, 5)))


# ------------------------------------------------------------------- losses, optimizers
def test_losses_match_formulas(f64):
    rng = np.random.default_rng(6)
    logits = rng.normal(size=(5, 4))
    y = rng.integers(0, 4, size=5)
    Y = np.eye(4)[y]
    p = np.exp(logits) / np.exp(logits).sum(1, keepdims=True)
    expected = -np.mean(np.log(p[np.arange(5), y]))
    probs = ops.softmax(Tensor(logits))
    for value in (losses.categorical_crossentropy(Y, Tensor(logits), from_logits=True),
                  losses.categorical_crossentropy(Y, probs),
                  losses.categorical_crossentropy(Y, Tensor(p)),          # unfused, clipped
                  losses.sparse_categorical_crossentropy(y, probs),
                  losses.sparse_categorical_crossentropy(y, Tensor(p)),
                  losses.get("sparse_categorical_crossentropy")(y[:, None], probs)):
        assert abs(value.item() - expected) < 1e-9
    z = rng.normal(size=(6, 1))
    t = (rng.random(6) < 0.5).astype(float)
    s = 1 / (1 + np.exp(-z[:, 0]))
    bce = -np.mean(t * np.log(s) + (1 - t) * np.log(1 - s))
    assert abs(losses.binary_crossentropy(t, Tensor(z), from_logits=True).item() - bce) < 1e-9
    assert abs(losses.binary_crossentropy(t, ops.sigmoid(Tensor(z))).item() - bce) < 1e-9
    assert abs(losses.BinaryCrossentropy()(t, Tensor(s)).item() - bce) < 1e-6
    assert abs(losses.get("mse")(t, Tensor(z)).item() - np.mean((z[:, 0] - t) ** 2)) < 1e-12
    # gradient of the unfused categorical path
    P = rng.dirichlet(np.ones(4), size=5)
    pt = Tensor(P, requires_grad=True)
    losses.categorical_crossentropy(Y, pt).backward()

    def f():
        return losses.categorical_crossentropy(Y, Tensor(P)).item()
    assert relative_error(numerical_gradient(f, P), pt.grad) < 1e-7
    assert losses.accuracy(y, p) == losses.sparse_categorical_accuracy(y, p)
    assert losses.accuracy(Y, p) == np.mean(p.argmax(1) == y)


def test_adam_follows_course_formulas(f64):
    W0 = np.array([[0.5, -1.0]])
    grads = [np.array([[0.1, -0.2]]), np.array([[0.3, 0.05]])]
    W = Tensor(W0.copy(), requires_grad=True)
    opt = nn.Adam(learning_rate=0.01, beta_1=0.9, beta_2=0.999, epsilon=1e-8)
    v = s = np.zeros_like(W0)
    ref = W0.copy()
    for t, g in enumerate(grads, start=1):
        W.grad = g
        opt.step([W])
        assert W.grad is None
        v = 0.9 * v + 0.1 * g
        s = 0.999 * s + 0.001 * g ** 2
        ref = ref - 0.01 * (v / (1 - 0.9 ** t)) / (np.sqrt(s / (1 - 0.999 ** t)) + 1e-8)
        np.testing.assert_allclose(W.data, ref)


def test_sgd_momentum_and_rmsprop(f64):
    W = Tensor(np.ones(3), requires_grad=True)
    opt = nn.SGD(0.1, momentum=0.9)
    opt.apply_gradients([(np.full(3, 2.0), W)])
    np.testing.assert_allclose(W.data, 1 - 0.1 * 0.1 * 2)
    W2 = Tensor(np.ones(3), requires_grad=True)
    nn.RMSprop(0.1, rho=0.9, epsilon=0.0).apply_gradients([(np.full(3, 2.0), W2)])
    np.testing.assert_allclose(W2.data, 1 - 0.1 * 2 / np.sqrt(0.1 * 4))


def test_custom_training_step_and_input_gradient(f64):
    nn.set_seed(0)
    model = nn.Sequential([nn.Input((3,)), nn.Dense(2, activation="softmax")])
    x = Tensor(np.array([[1.0, -2.0, 0.5]]), requires_grad=True)
    loss = losses.categorical_crossentropy(np.array([[0.0, 1.0]]), model(x))
    loss.backward()
    W, b = model.layers[0].kernel.data, model.layers[0].bias.data
    z = x.data @ W + b
    p = np.exp(z) / np.exp(z).sum()
    np.testing.assert_allclose(x.grad, (p - [0, 1]) @ W.T)       # dL/dx = (A - Y) W^T
    np.testing.assert_allclose(model.layers[0].kernel.grad, x.data.T @ (p - [0, 1]))


def test_more_merge_and_shape_layers(f64):
    rng = np.random.default_rng(8)
    a, b, c = rng.normal(size=(3, 2, 5))
    np.testing.assert_allclose(nn.Subtract()([a, b]).data, a - b)
    np.testing.assert_allclose(nn.Multiply()([a, b, c]).data, a * b * c)
    np.testing.assert_allclose(nn.Average()([a, b]).data, (a + b) / 2)
    np.testing.assert_allclose(nn.Maximum()([a, b]).data, np.maximum(a, b))
    with pytest.raises(nn.LayerError, match="Multiply"):
        nn.Multiply()([a, np.zeros((2, 4))])
    x = rng.normal(size=(2, 3, 4))
    np.testing.assert_array_equal(nn.Permute((2, 1))(x).data, x.transpose(0, 2, 1))
    np.testing.assert_allclose(nn.Lambda(lambda t: t * 2 + 1)(x).data, x * 2 + 1)
    assert max(layer_grad_errors(nn.Permute((2, 1)), x).values()) < 1e-7


class _FixedAngles:
    """A stand-in generator whose uniform() returns fixed fractions of a full turn."""

    def __init__(self, fractions):
        self.fractions = np.asarray(fractions, dtype=float)

    def uniform(self, low, high, size):
        return self.fractions[:size]


@pytest.mark.parametrize("fill_mode", ["reflect", "nearest", "constant"])
def test_random_rotation(fill_mode):
    rng = np.random.default_rng(9)
    img = rng.random((3, 5, 7, 2)).astype(np.float32)
    rot = nn.RandomRotation(0.5, fill_mode=fill_mode)
    np.testing.assert_array_equal(rot(img, training=False).data, img)
    rot._rng = _FixedAngles([0.0, 0.5, -0.5])          # 0 and +-180 degrees
    out = rot(img, training=True).data
    np.testing.assert_allclose(out[0], img[0], atol=1e-5)
    np.testing.assert_allclose(out[1], img[1, ::-1, ::-1], atol=1e-5)
    np.testing.assert_allclose(out[2], img[2, ::-1, ::-1], atol=1e-5)
    square = rng.random((1, 6, 6, 1)).astype(np.float32)
    rot._rng = _FixedAngles([0.25])                     # a quarter turn
    quarter = rot(square, training=True).data[0, :, :, 0]
    turned = [np.rot90(square[0, :, :, 0], k) for k in (1, -1)]
    assert min(np.abs(quarter - t).max() for t in turned) < 1e-5
    a = nn.RandomRotation(0.1, seed=3)(img, training=True).data
    b = nn.RandomRotation(0.1, seed=3)(img, training=True).data
    np.testing.assert_array_equal(a, b)


def test_tensor_comparisons_give_masks():
    t = Tensor([[-1.0, 0.0, 2.0]])
    np.testing.assert_array_equal(t > 0, [[False, False, True]])
    np.testing.assert_array_equal(t <= Tensor([[0.0, 0.0, 0.0]]), [[True, True, False]])


def test_custom_loss_and_subclassed_model():
    class TwoLayers(nn.Model):
        def __init__(self):
            super().__init__(name="two_layers")
            self.hidden = nn.Dense(8, activation="tanh")
            self.out = nn.Dense(1)

        def call(self, x, training=False):
            return self.out(self.hidden(x))

    def half_mse(y_true, y_pred):          # any function of tensors works as a loss
        diff = y_pred - np.asarray(y_true, dtype=y_pred.dtype).reshape(y_pred.shape)
        return nn.ops.mean(diff * diff) * 0.5

    rng = np.random.default_rng(10)
    x = rng.normal(size=(64, 3)).astype(np.float32)
    y = (x @ np.array([1.0, -2.0, 0.5]))[:, None].astype(np.float32)
    nn.set_seed(0)
    model = TwoLayers()
    model.compile(nn.Adam(0.02), half_mse)
    hist = model.fit(x, y, epochs=30, batch_size=16, verbose=0)
    assert hist.history["loss"][-1] < 0.2 * hist.history["loss"][0]
    assert len(model.trainable_weights) == 4 and model.count_params() == 3 * 8 + 8 + 8 + 1
    assert [l.name for l in model.layers] == [model.hidden.name, model.out.name]


def test_symbolic_unknown_lengths_and_keyword_inputs():
    class Masked(nn.Layer):
        """Zero the time steps where mask is 0: x (m, T, n), mask (m, T)."""

        def call(self, x, mask=None):
            return x if mask is None else x * mask.reshape(mask.shape + (1,))

    seq = nn.Input((None, 3))
    mask = nn.Input((None,))
    h = nn.Dense(4)(seq)
    assert h.shape == (None, None, 4)
    out = Masked()(h, mask=mask)
    model = nn.Model([seq, mask], out)
    x = np.ones((2, 5, 3), dtype=np.float32)
    m = np.array([[1, 1, 1, 0, 0], [1, 1, 1, 1, 1]], dtype=np.float32)
    y = model.predict([x, m])
    assert y.shape == (2, 5, 4) and np.all(y[0, 3:] == 0) and np.all(y[1, 3:] != 0)
    with pytest.raises(nn.LayerError, match="expects shape"):
        model.predict([np.ones((2, 5, 4), np.float32), m])


def test_clipping_to_categorical_and_validation_split(f64):
    W = Tensor(np.zeros(3), requires_grad=True)
    nn.SGD(1.0, clipvalue=0.5).apply_gradients([(np.array([2.0, -0.1, -3.0]), W)])
    np.testing.assert_allclose(W.data, [-0.5, 0.1, 0.5])
    W2 = Tensor(np.zeros(2), requires_grad=True)
    nn.SGD(1.0, clipnorm=1.0).apply_gradients([(np.array([3.0, 4.0]), W2)])
    np.testing.assert_allclose(W2.data, [-0.6, -0.8])
    np.testing.assert_array_equal(losses.to_categorical([2, 0], 3), [[0, 0, 1], [1, 0, 0]])
    assert losses.to_categorical(np.array([[1], [3]])).shape == (2, 1, 4)
    x, y = make_blobs(m=100, n=4, classes=2)
    model = nn.Sequential([nn.Input((4,)), nn.Dense(2, activation="softmax")])
    model.compile("adam", "sparse_categorical_crossentropy", ["accuracy"])
    hist = model.fit(x, y, epochs=2, validation_split=0.2, verbose=0)
    val = model.evaluate(x[80:], y[80:], verbose=0, return_dict=True)
    assert abs(hist.history["val_loss"][-1] - val["loss"]) < 1e-6


def test_training_flag_reaches_nested_layers():
    class Block(nn.Layer):
        def __init__(self):
            super().__init__()
            self.drop = nn.Dropout(0.5, seed=0)

        def call(self, x):                    # no training argument passed on
            return self.drop(x)

    block = Block()
    x = np.ones((4, 10), dtype=np.float32)
    np.testing.assert_array_equal(block(x).data, x)                  # inference by default
    assert (block(x, training=True).data == 0).any()                 # inherited by Dropout
    outer = nn.Sequential([nn.Input((10,)), Block()])
    assert (outer(x, training=True).data == 0).any()
    np.testing.assert_array_equal(outer.predict(x), x)


def test_frozen_outer_layer_overrides_inner_and_early_attributes():
    class Wrapper(nn.Layer):
        def __init__(self):
            self.inner = nn.Dense(2)          # before super().__init__: still tracked
            super().__init__()

        def call(self, x):
            return self.inner(x)

    w = Wrapper()
    w(np.zeros((1, 3)))
    assert len(w.trainable_weights) == 2
    w.trainable = False
    w.inner.trainable = True                  # a frozen outer layer still wins
    assert w.trainable_weights == [] and len(w.non_trainable_weights) == 2


def test_frozen_weights_need_no_gradient():
    d = nn.Dense(2)
    x = Tensor(np.ones((1, 3)), requires_grad=True)
    d(x)
    d.trainable = False
    d(x).sum().backward()
    assert d.kernel.grad is None and x.grad is not None        # e.g. style transfer
    d.trainable = True
    assert d.kernel.requires_grad and d.kernel.grad is None
