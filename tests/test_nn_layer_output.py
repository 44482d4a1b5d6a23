"""utils.nn: layer.input / layer.output in graphs, and Sequential models with a known input
shape as graphs (model.inputs, model.outputs), so that Keras's idiom for feature maps,
Model(model.inputs, [layer.output for layer in model.layers]), works on both kinds of model."""
import numpy as np
import pytest

from utils import nn


def chain():
    return [nn.Conv2D(3, 3, padding="same"), nn.ReLU(), nn.MaxPool2D(2), nn.Flatten(),
            nn.Dense(2)]


def by_hand(model, x):
    outs = []
    with nn.no_grad():
        for layer in model.layers:
            if not isinstance(layer, nn.InputLayer):
                x = layer(x)
                outs.append(x.numpy())
    return outs


@pytest.mark.parametrize("kind", ["sequential_input", "sequential_input_shape", "functional"])
def test_every_layer_output_as_a_model(kind):
    nn.set_seed(3)
    layers = chain()
    if kind == "functional":
        x = inputs = nn.Input((6, 6, 1))
        for layer in layers:
            x = layer(x)
        model = nn.Model(inputs, x)
    elif kind == "sequential_input":
        model = nn.Sequential([nn.Input((6, 6, 1))] + layers)
    else:
        layers[0] = nn.Conv2D(3, 3, padding="same", input_shape=(6, 6, 1))
        model = nn.Sequential(layers)
    wanted = [l for l in model.layers if not isinstance(l, nn.InputLayer)]
    probe = nn.Model(model.inputs, [l.output for l in wanted])
    x = np.random.default_rng(0).normal(size=(4, 6, 6, 1)).astype(np.float32)
    outs = probe.predict(x)
    assert [o.shape for o in outs] == [(4, 6, 6, 3), (4, 6, 6, 3), (4, 3, 3, 3), (4, 27), (4, 2)]
    for got, want in zip(outs, by_hand(model, x)):
        np.testing.assert_allclose(got, want, rtol=1e-6)
    np.testing.assert_allclose(outs[-1], model.predict(x), rtol=1e-6)
    assert wanted[2].input is wanted[1].output and model.outputs[0] is wanted[-1].output
    assert probe.count_params() == model.count_params()    # the same layers, shared


def test_sequential_graph_grows_with_add_and_keeps_none_axes():
    model = nn.Sequential([nn.Input((None, 4))])
    model.add(nn.Dense(3))
    first = model.layers[0].output
    model.add(nn.Dense(2))
    assert model.layers[0].output is first            # not called again
    assert model.outputs[0].shape == (None, None, 2) == model.output_shape
    assert model.summary_data()[1]["output_shape"] == (None, None, 2)


def test_output_errors_say_why():
    lonely = nn.Dense(2)
    with pytest.raises(AttributeError, match="has no output yet"):
        lonely.output
    assert nn.Sequential([nn.Dense(2)]).inputs is None       # built on first call: no graph
    shared = nn.Dense(2)
    a, b = nn.Input((3,)), nn.Input((3,))
    shared(a), shared(b)
    with pytest.raises(AttributeError, match="called 2 times"):
        shared.output
