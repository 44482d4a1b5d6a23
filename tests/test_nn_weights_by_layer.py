"""load_weights pairs layers by kind and creation order; recalibrate_batch_norm (issue 15)."""
import numpy as np

from utils import nn


def _block(shortcut_first: bool):
    """A tiny residual model; the Add lists its inputs in either order."""
    nn.set_seed(3)
    inp = nn.Input((6, 6, 2))
    main = nn.Conv2D(3, 3, padding="same")(inp)
    main = nn.BatchNormalization(axis=3)(main)
    main = nn.Conv2D(4, 1)(nn.Activation("relu")(main))
    shortcut = nn.Conv2D(4, 1, strides=1)(inp)
    added = nn.Add()([shortcut, main] if shortcut_first else [main, shortcut])
    out = nn.Dense(2)(nn.Flatten()(nn.Activation("relu")(added)))
    return nn.Model(inp, out)


def test_load_weights_reads_a_file_saved_with_the_other_add_order(tmp_path):
    nn.clear_session()
    saved = _block(shortcut_first=False)
    rng = np.random.default_rng(0)
    saved.set_weights([rng.normal(size=w.shape).astype(np.float32) for w in saved.get_weights()])
    saved.save_weights(tmp_path / "w.h5")
    x = rng.normal(size=(5, 6, 6, 2)).astype(np.float32)
    expected = saved.predict(x)
    # built after another model (layer names conv2d_3, ...) and with Add()([shortcut, main])
    loaded = _block(shortcut_first=True)
    assert [w.shape for w in loaded.weights] != [w.shape for w in saved.weights]
    loaded.load_weights(tmp_path / "w.h5")
    np.testing.assert_allclose(loaded.predict(x), expected, rtol=1e-5, atol=1e-6)


def test_recalibrate_batch_norm_sets_the_moving_statistics_to_those_of_the_data():
    nn.clear_session()
    nn.set_seed(0)
    inp = nn.Input((4, 4, 3))
    conv = nn.Conv2D(5, 3, padding="same")
    bn = nn.BatchNormalization(axis=3)
    model = nn.Model(inp, bn(conv(inp)))
    x = np.random.default_rng(1).normal(2.0, 3.0, size=(64, 4, 4, 3)).astype(np.float32)
    weights_before = [w.copy() for w in model.get_weights() if w.ndim == 4]
    z = conv(x).numpy() if hasattr(conv(x), "numpy") else np.asarray(conv(x))
    nn.recalibrate_batch_norm(model, x)
    np.testing.assert_allclose(bn.moving_mean.data, z.mean(axis=(0, 1, 2)), rtol=1e-4, atol=1e-5)
    np.testing.assert_allclose(bn.moving_variance.data, z.var(axis=(0, 1, 2)), rtol=1e-3, atol=1e-4)
    assert bn.momentum == 0.99
    assert all(np.array_equal(a, b) for a, b in
               zip(weights_before, [w for w in model.get_weights() if w.ndim == 4]))
    # in batches of 16: the mean of the batches' statistics
    nn.recalibrate_batch_norm(model, x, batch_size=16)
    batches = z.reshape(4, 16, 4, 4, 5)
    np.testing.assert_allclose(bn.moving_mean.data, batches.mean(axis=(1, 2, 3)).mean(0),
                               rtol=1e-4, atol=1e-5)
    np.testing.assert_allclose(bn.moving_variance.data, batches.var(axis=(1, 2, 3)).mean(0),
                               rtol=1e-3, atol=1e-4)
