"""utils.resnet (c4w2a1's reference): block shapes, the shortcut's effect, ResNetSmall's size."""
import numpy as np

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
    model = ResNetSmall((28, 28, 1), 6)
    rows = model.summary_data()
    types = [r["type"] for r in rows]
    assert types.count("Conv2D") == 22 and types.count("Add") == 6
    assert model.count_params() == 154054 and model.output_shape == (None, 6)
    plain = PlainSmall((28, 28, 1), 6)
    ptypes = [r["type"] for r in plain.summary_data()]
    assert "Add" not in ptypes and ptypes.count("Conv2D") == 19
    p = model.predict(np.zeros((2, 28, 28, 1), np.float32))
    np.testing.assert_allclose(p.sum(axis=1), 1, rtol=1e-5)


def test_deeper_networks_and_strided_stem_for_the_depth_figure():
    """utils.resnet._network: identity_blocks per stage sets the depth (11 + 9 n layers), the
    plain twin has the same layers without the Adds; a stride-2 stem on 64x64 images gives the
    stages what a stride-1 stem gives them at 32x32 (same parameters)."""
    from utils import resnet
    deep = resnet._network((16, 16, 3), 6, convolutional_block, identity_block, "r", 3)
    types = [r["type"] for r in deep.summary_data()]
    assert types.count("Conv2D") == 40 and types.count("Add") == 12
    plain = resnet._network((16, 16, 3), 6, resnet.plain_convolutional_block,
                            plain_identity_block, "p", 3)
    assert [r["type"] for r in plain.summary_data()].count("Conv2D") == 37
    strided = resnet._network((64, 64, 3), 6, convolutional_block, identity_block, "s",
                              stem_stride=2)
    assert strided.count_params() == ResNetSmall((32, 32, 3), 6).count_params()
