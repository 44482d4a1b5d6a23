"""check_same_model pairs a student's layers with the reference's by structure: the order of
the inputs of a commuting merge (Add, Average, Maximum, Multiply) is not a grading rule, while a
missing layer or another filter count still fails."""
import numpy as np
import pytest

from utils import nn
from utils.architecture import check_same_model, in_reference_order
from utils.resnet import convolutional_block
from utils.testing import CheckFailure

SHAPE = (6, 6, 3)


def _block(shortcut_first=False, shortcut_built_first=False, shortcut_bn=True, F3=6):
    """A convolutional block written by a student: the Add's inputs in either order, the
    shortcut's layers created before or after the main path's."""
    init = nn.initializers.GlorotUniform(seed=0)
    X = inp = nn.Input(SHAPE)

    def shortcut():
        s = nn.Conv2D(F3, 1, strides=2, padding="valid", kernel_initializer=init)(inp)
        return nn.BatchNormalization(axis=3)(s) if shortcut_bn else s

    S = shortcut() if shortcut_built_first else None
    X = nn.Activation("relu")(nn.BatchNormalization(axis=3)(
        nn.Conv2D(2, 1, strides=2, padding="valid", kernel_initializer=init)(X)))
    X = nn.Activation("relu")(nn.BatchNormalization(axis=3)(
        nn.Conv2D(4, 3, padding="same", kernel_initializer=init)(X)))
    X = nn.BatchNormalization(axis=3)(nn.Conv2D(F3, 1, kernel_initializer=init)(X))
    S = shortcut() if S is None else S
    X = nn.Add()([S, X] if shortcut_first else [X, S])
    return nn.Model(inp, nn.Activation("relu")(X))


def _reference():
    inp = nn.Input(SHAPE)
    return nn.Model(inp, convolutional_block(inp, 3, [2, 4, 6], s=2))


def _judge(student):
    rng = np.random.default_rng(5)
    x = rng.normal(size=(4,) + SHAPE).astype(np.float32)
    return check_same_model("convolutional_block(...)", student, _reference(), x, rng, draws=2,
                            training=True, rtol=1e-3, atol=1e-4)


@pytest.mark.parametrize("shortcut_first", [False, True])
@pytest.mark.parametrize("built_first", [False, True])
def test_either_add_order_is_the_same_model(shortcut_first, built_first):
    student = _block(shortcut_first=shortcut_first, shortcut_built_first=built_first)
    kinds = [type(l).__name__ for l in student.layers]
    if shortcut_first:       # the student's own listing differs from the reference's
        assert kinds != [type(l).__name__ for l in _reference().layers]
    before = student.get_weights()
    rebuilt = _judge(student)
    # the student's weights, paired by layer, are those the rebuilt model holds
    by_name = dict(zip([w.name for w in student.weights], before))
    for w in rebuilt.weights:
        np.testing.assert_array_equal(w.data, by_name[w.name])
    # and the student's own model keeps its weights, in its own order
    for got, had in zip(student.get_weights(), before, strict=True):
        np.testing.assert_array_equal(got, had)


def test_a_real_difference_still_fails():
    with pytest.raises(CheckFailure, match=r"missing BatchNormalization after Conv2D \(layer 8\)"):
        _judge(_block(shortcut_first=True, shortcut_bn=False))
    with pytest.raises(CheckFailure, match="filters=5"):
        _judge(_block(shortcut_first=True, F3=5))


def test_in_reference_order_reorders_only_commuting_merges():
    def net(order, merge):
        x = nn.Input((4,))
        branches = [nn.Dense(3, name=f"d{k}")(nn.Dense(k + 2, name=f"e{k}")(x))
                    for k in range(3)]
        out = merge()([branches[k] for k in order])
        return nn.Model(x, out)

    reference = net([0, 1, 2], nn.Average).get_config()
    config = net([2, 0, 1], nn.Average).get_config()
    merged = next(n for n in in_reference_order(config, reference)["nodes"]
                  if n["layer"].startswith("average"))
    assert [a["layer"] for a in merged["args"]] == ["d0", "d1", "d2"]
    # Subtract does not commute: its order is the student's
    reference = net([0, 1], nn.Subtract).get_config()
    config = net([1, 0], nn.Subtract).get_config()
    assert in_reference_order(config, reference) == config


@pytest.mark.parametrize("input_first", [False, True])
def test_identity_block_with_relu_layers_in_either_order(input_first):
    # ReLU() layers where the course writes Activation("relu"): the Add's inputs are still
    # paired with the reference's (the shortcut is the block's Input itself)
    from utils.resnet import identity_block
    init = nn.initializers.GlorotUniform(seed=0)
    inp = nn.Input((5, 5, 4))
    X = nn.ReLU()(nn.BatchNormalization(axis=-1)(nn.Conv2D(2, 1, kernel_initializer=init)(inp)))
    X = nn.ReLU()(nn.BatchNormalization(axis=-1)(
        nn.Conv2D(3, 2, padding="same", kernel_initializer=init)(X)))
    X = nn.BatchNormalization(axis=-1)(nn.Conv2D(4, 1, kernel_initializer=init)(X))
    student = nn.Model(inp, nn.ReLU()(nn.Add()([inp, X] if input_first else [X, inp])))
    ref_inp = nn.Input((5, 5, 4))
    reference = nn.Model(ref_inp, identity_block(ref_inp, 2, [2, 3, 4]))
    rng = np.random.default_rng(2)
    check_same_model("identity_block(...)", student, reference,
                     rng.normal(size=(3, 5, 5, 4)).astype(np.float32), rng, draws=1,
                     training=True, rtol=1e-3, atol=1e-4)
