"""utils.architecture.check_architecture: passes a matching model, and names the first
difference (missing layer, wrong argument, wrong shape) of a wrong one."""
import pytest

from utils import nn
from utils.architecture import check_architecture
from utils.testing import CheckFailure

EXPECTED = [
    {"type": "Conv2D", "output_shape": (None, 8, 8, 4), "params": 40,
     "config": {"filters": 4, "kernel_size": (3, 3), "strides": (1, 1), "padding": "same"}},
    {"type": "BatchNormalization", "output_shape": (None, 8, 8, 4), "params": 16,
     "config": {"axis": 3}},
    {"type": "ReLU", "output_shape": (None, 8, 8, 4), "params": 0},
    {"type": "MaxPooling2D", "output_shape": (None, 4, 4, 4), "params": 0,
     "config": {"pool_size": (2, 2), "strides": (2, 2), "padding": "valid"}},
    {"type": "Flatten", "output_shape": (None, 64), "params": 0},
    {"type": "Dense", "output_shape": (None, 1), "params": 65, "config": {"activation": "sigmoid"}},
]


def build(conv=None, bn_axis=3, relu=True, flatten=True, activation="sigmoid", functional=False):
    layers = [conv or nn.Conv2D(4, 3, padding="same"), nn.BatchNormalization(axis=bn_axis)]
    layers += [relu] if not isinstance(relu, bool) else ([nn.ReLU()] if relu else [])
    layers += [nn.MaxPool2D(2)] + ([nn.Flatten()] if flatten else [nn.Reshape((64,))])
    layers += [nn.Dense(1, activation=activation)]
    if functional:
        x = inputs = nn.Input((8, 8, 1))
        for layer in layers:
            x = layer(x)
        return nn.Model(inputs, x)
    return nn.Sequential([nn.Input((8, 8, 1))] + layers)


def test_matching_models_pass(capsys):
    check_architecture("m", build().summary_data(), EXPECTED)
    assert "[pass] m: 6 layers" in capsys.readouterr().out
    # the functional model lists its InputLayer; axis -1, Activation("relu") are the same
    check_architecture("m", build(bn_axis=-1, relu=nn.Activation("relu"),
                                  functional=True).summary_data(), EXPECTED)


@pytest.mark.parametrize("kwargs, message", [
    ({"relu": False}, r"missing ReLU after BatchNormalization \(layer 1\)"),
    ({"flatten": False}, "Reshape where Flatten was expected after MaxPooling2D"),
    ({"conv": nn.Conv2D(4, 3)}, r"has padding='valid', expected padding='same'\n  hint: "),
    ({"bn_axis": 1}, "(?s)has axis=1, expected axis=3.*channels are the last axis"),
    ({"activation": None}, "has activation=None, expected activation='sigmoid'"),
    ({"relu": nn.LeakyReLU()}, "LeakyReLU where ReLU was expected"),
])
def test_wrong_models_name_the_difference(kwargs, message):
    with pytest.raises(CheckFailure, match=message):
        check_architecture("m", build(**kwargs).summary_data(), EXPECTED)


def test_shape_and_params_are_compared():
    wrong = [dict(e) for e in EXPECTED]
    wrong[4] = {"type": "Flatten", "output_shape": (None, 65)}
    with pytest.raises(CheckFailure, match=r"layer 4 \(Flatten, 'flatten.*'\) has output shape"):
        check_architecture("m", build().summary_data(), wrong)
    wrong[4] = {"type": "Flatten"}
    wrong[5] = {"type": "Dense", "params": 64}
    with pytest.raises(CheckFailure, match="parameter count 65, expected 64"):
        check_architecture("m", build().summary_data(), wrong)
    wrong[0] = {"type": "Conv2D", "config": {"activation": "relu"},
                "hints": {"activation": "relu on the convolution"}}
    with pytest.raises(CheckFailure, match="hint: relu on the convolution"):
        check_architecture("m", build().summary_data(), wrong)
    with pytest.raises(CheckFailure, match="should be a list of dicts"):
        check_architecture("m", None, EXPECTED)
