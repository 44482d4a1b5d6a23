"""c4w4a2_style_transfer: the reference costs (utils/style_transfer.py), the random feature
network and its gradient with respect to the image (utils/style_features.py), and the data files
of datasets/build_style_images.py and datasets/train_style_results.py.  Seconds, not minutes."""
from __future__ import annotations

import numpy as np
import pytest

from utils import nn
from utils import style_features as sf
from utils import style_transfer as st
from utils.data import load_dataset

# float64 and seed 0 for the gradient checks (the autouse fixture of the layer tests)
from test_nn_seq_layers import float64, graph_gradcheck, leaf  # noqa: F401


def _outputs(rng, shapes):
    return [rng.normal(size=s) for s in shapes]


def test_costs_on_arrays_match_their_formulas():
    rng = np.random.default_rng(0)
    shapes = [(1, 4, 3, 2), (1, 2, 5, 3)]
    c, g = _outputs(rng, shapes), _outputs(rng, shapes)
    assert np.isclose(st.compute_content_cost(c, g), np.sum((c[-1] - g[-1]) ** 2) / (4 * 30))
    A = rng.normal(size=(3, 7))                                     # non-square
    assert np.allclose(st.gram_matrix(A), np.einsum("ik,jk->ij", A, A))
    a_S, a_G = c[0], g[0]
    loops = 0.0
    for i in range(2):
        for j in range(2):
            gs = sum(a_S[0, h, w, i] * a_S[0, h, w, j] for h in range(4) for w in range(3))
            gg = sum(a_G[0, h, w, i] * a_G[0, h, w, j] for h in range(4) for w in range(3))
            loops += (gs - gg) ** 2
    assert np.isclose(st.compute_layer_style_cost(a_S, a_G), loops / (4 * 2 ** 2 * 12 ** 2))
    J = st.compute_style_cost(c + [c[0]], g + [g[0]], [("x", 0.3), ("y", 2.0)])
    assert np.isclose(J, 0.3 * st.compute_layer_style_cost(c[0], g[0])
                      + 2.0 * st.compute_layer_style_cost(c[1], g[1]))
    assert st.total_cost(1.0, 2.0) == 90.0 and st.total_cost(1.0, 2.0, alpha=2, beta=3) == 8.0


@pytest.mark.parametrize("cost", ["content", "layer_style", "style"])
def test_costs_on_tensors_are_gradient_checked(cost):
    rng = np.random.default_rng(1)
    shapes = [(1, 3, 4, 2), (1, 2, 3, 3)]
    c = _outputs(rng, shapes)
    g = [leaf(a) for a in _outputs(rng, shapes)]
    fn = {"content": lambda: st.compute_content_cost(c, g),
          "layer_style": lambda: st.compute_layer_style_cost(c[0], g[0]),
          "style": lambda: st.compute_style_cost(c, g, [("a", 0.7)])}[cost]
    leaves = g[-1:] if cost == "content" else g[:1]
    assert graph_gradcheck(fn, leaves) < 1e-7


def test_feature_network_is_fixed_by_its_seed_and_normalised():
    a, b = sf.make_feature_model(), sf.make_feature_model()
    assert [w.shape for w in a.weights] == [w.shape for w in b.weights]
    assert all(np.array_equal(u.data, v.data) for u, v in zip(a.weights, b.weights))
    assert sum(w.size for w in a.weights) == 582176
    assert not a.trainable_weights and not any(w.requires_grad for w in a.weights)
    other = sf.make_feature_model(seed=1)
    assert not np.allclose(a.weights[0].data, other.weights[0].data)
    for conv in a.convs:
        k = conv.kernel.data.reshape(-1, conv.filters)
        assert np.allclose(k.mean(axis=0), 0, atol=1e-6)             # zero-mean filters
        assert np.allclose(np.linalg.norm(k, axis=0), np.sqrt(2), rtol=1e-5)
    outs = sf.activations(a, np.zeros((1, 24, 16, 3)))             # any size, non-square
    assert [o.shape for o in outs] == [(1, 24, 16, 32), (1, 12, 8, 64), (1, 6, 4, 128),
                                       (1, 3, 2, 256), (1, 6, 4, 128)]


def test_gradient_reaches_the_image():
    model = sf.make_feature_model(layer_names=("block1_conv1", "block2_conv2", "block3_conv1"))
    rng = np.random.default_rng(2)
    image = leaf(rng.uniform(0.2, 0.8, size=(1, 8, 8, 3)))
    Gs = [rng.normal(size=o.shape) for o in model(image)]

    def loss():
        outs = model(image)
        total = (outs[0] * Gs[0]).sum()
        for o, G in zip(outs[1:], Gs[1:]):
            total = total + (o * G).sum()
        return total
    assert graph_gradcheck(loss, [image]) < 1e-6
    assert all(w.grad is None for w in model.weights)                # the weights stay frozen


def test_train_step_moves_the_image_and_lowers_the_cost():
    nn.set_default_dtype(np.float32)
    model = sf.make_feature_model()
    rng = np.random.default_rng(3)
    c = rng.uniform(size=(1, 16, 16, 3)).astype(np.float32)
    s = rng.uniform(size=(1, 16, 16, 3)).astype(np.float32)
    a_C, a_S = sf.activations(model, c), sf.activations(model, s)
    layers = sf.style_layer_weights(a_S[:-1])
    image = nn.Tensor(c.copy(), requires_grad=True)
    optimizer = nn.Adam(0.02)
    Js = [st.train_step(image, a_C, a_S, layers, optimizer, model) for _ in range(6)]
    assert Js[-1] < 0.5 * Js[0]
    assert image.data.min() >= 0 and image.data.max() <= 1
    assert 0 < np.abs(image.data - c).max() <= 6 * 0.02 + 1e-6
    # each style layer's weighted cost starts at most 1/4 for an image with no activations
    zero = sf.activations(model, np.full_like(c, 0.5))
    J_each = [w * st.compute_layer_style_cost(a, z) for (_, w), a, z in zip(layers, a_S, zero)]
    assert all(0 < j <= 0.25 + 1e-6 for j in J_each)


def test_style_images_file():
    data = load_dataset("style_images")
    contents, styles = (str(data[k]).split(",") for k in ("content_order", "style_order"))
    assert contents == ["astronaut", "rocket", "chelsea", "coffee"]
    assert set(styles) == {"swirls", "stained_glass", "pointillism", "brick", "grass", "gravel"}
    for kind, names in (("content", contents), ("style", styles)):
        for name in names:
            image = data[f"{kind}__{name}"]
            assert image.shape == (192, 192, 3) and image.dtype == np.uint8
            assert image.std() > 10                                     # not blank
            assert str(data[f"license__{name}"]) in ("public domain", "CC0-1.0")
            assert str(data[f"description__{name}"])


def test_style_results_file():
    data = load_dataset("style_results")
    assert data["long_images"].shape == (4, 192, 192, 3)
    assert list(data["long_steps"]) == [0, 50, 200, 400]
    costs = data["long_costs"]
    assert costs.shape == (400, 3) and np.all(np.isfinite(costs))
    assert costs[-1, 0] < 0.05 * costs[0, 0]                           # J fell
    assert np.allclose(costs[:, 0], 10 * costs[:, 1] + 40 * costs[:, 2], rtol=1e-4)
    gallery = data["gallery"]
    assert gallery.shape[:3] == (4, 3, 3) and gallery.shape[3:] == (96, 96, 3)
    # a larger beta / alpha moves the result further from the content photo
    photos = sf.load_images("content")
    far = [[np.abs(gallery[i, j, k] / 255.0 - sf.resize(photo, 96)).mean() for k in range(3)]
           for i, (photo, _, _) in enumerate(photos.values()) for j in range(3)]
    assert np.mean([d[2] > d[0] for d in far]) >= 0.9
