"""utils.resnet (c4w2a1's reference): block shapes, the shortcut's effect, ResNetSmall's size."""
import numpy as np
import pytest

from utils import nn
from utils.resnet import (PlainSmall, ResNetSmall, convolutional_block, identity_block,
                          plain_identity_block)


def test_blocks_shapes_and_shortcut():
    x = np.random.default_rng(0).normal(size=(2, 7, 7, 8)).astype(np.float32)
    a = identity_block(x, 3, [2, 3, 8], training=True).numpy()
    assert a.shape == (2, 7, 7, 8) and a.min() >= 0
    # the shortcut: identity block = ReLU(plain main path before its ReLU + x)
    init = nn.initializers.GlorotUniform(seed=0)
    main = plain_identity_block(x, 3, [2, 3, 8], training=True, initializer=init).numpy()
    assert not np.allclose(a, main)
    b = convolutional_block(x, 2, [2, 3, 5], s=3, training=False).numpy()
    assert b.shape == (2, 3, 3, 5)
    sym = convolutional_block(nn.Input((9, 10, 4)), 3, [2, 2, 6], s=2)
    assert sym.shape == (None, 5, 5, 6)


def test_seeded_blocks_repeat():
    x = np.random.default_rng(1).normal(size=(3, 5, 5, 4)).astype(np.float32)
    nn.set_seed(1)
    first = identity_block(x, 3, [2, 2, 4], training=True).numpy()
    nn.set_seed(2)
    np.testing.assert_array_equal(identity_block(x, 3, [2, 2, 4], training=True).numpy(), first)


def test_resnet_small_and_plain_small():
    """ResNetSmall: 38 layers (37 convolutions on the main paths, 3 projections, a Dense) for
    64x64x3 images; PlainSmall the same without the 12 Adds and the projections."""
    model = ResNetSmall()
    types = [r["type"] for r in model.summary_data()]
    assert types.count("Conv2D") == 40 and types.count("Add") == 12
    assert model.count_params() == 298598 and model.output_shape == (None, 6)
    plain = PlainSmall()
    ptypes = [r["type"] for r in plain.summary_data()]
    assert "Add" not in ptypes and ptypes.count("Conv2D") == 37
    p = model.predict(np.zeros((2, 64, 64, 3), np.float32))
    np.testing.assert_allclose(p.sum(axis=1), 1, rtol=1e-5)


def test_network_of_any_depth_for_the_depth_figure():
    """utils.resnet.network: depth 11 + 9 n (n identity blocks per stage); network(38) is
    ResNetSmall and network(38, residual=False) PlainSmall, weight for weight; the stride-2
    stem on 64x64 images gives the stages what a stride-1 stem gives them at 32x32."""
    from utils import resnet
    assert [resnet.depth_of(n) for n in range(4)] == [11, 20, 29, 38]
    for depth in (11, 20):
        for residual, adds in ((True, 3 * (depth - 11) // 9 + 3), (False, 0)):
            types = [r["type"] for r in resnet.network(depth, residual, (32, 32, 3),
                                                       6).summary_data()]
            convs = depth - 1 + (3 if residual else 0)
            assert types.count("Conv2D") == convs and types.count("Add") == adds
    x = np.random.default_rng(0).normal(size=(2, 64, 64, 3)).astype(np.float32)
    for mine, reference in ((resnet.network(38), ResNetSmall()),
                            (resnet.network(38, residual=False), PlainSmall())):
        assert [w.shape for w in mine.get_weights()] == [w.shape for w in
                                                       reference.get_weights()]
        reference.set_weights(mine.get_weights())
        np.testing.assert_allclose(reference.predict(x), mine.predict(x), rtol=1e-5, atol=1e-7)
    assert (resnet.network(20, stem_stride=2, input_shape=(64, 64, 3)).count_params()
            == resnet.network(20, stem_stride=1, input_shape=(32, 32, 3)).count_params())
    with pytest.raises(ValueError, match="11 \\+ 9 n"):
        resnet.network(30)
