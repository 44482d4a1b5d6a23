"""Residual networks (c4w2a1): the bottleneck blocks and a ResNet small enough for a laptop.

Built from the layers of :mod:`utils.nn` (NHWC images, Keras names).  Each block works on
symbolic tensors (``nn.Input``, to describe a model) and on arrays or tensors (computed at once).

    X = nn.Input((16, 16, 32))
    A = identity_block(X, f=3, filters=[16, 16, 32])      # needs X with 32 channels
    B = convolutional_block(X, f=3, filters=[16, 16, 32], s=2)

``training`` goes to every BatchNormalization: True uses the batch's statistics, False the
moving averages, None (the default) follows the model (fit trains, predict infers).  Every
convolution starts from ``initializer`` (seeded, so the same shape gets the same weights).

The plain versions (``plain_*``, ``PlainSmall``) are the same networks without the shortcut
``Add``: the comparison that shows why residual connections help (datasets/train_resnet_small.py).
``network(depth, residual)`` builds either at another depth (11, 20, 29, 38, ... layers), for the
depth-against-accuracy figure and the measurements in datasets/measure_signs.py.
"""
from __future__ import annotations

from utils import nn
from utils.testing import course_reference

TAUGHT_IN = ("c4w2a1_resnets",)

__all__ = ["identity_block", "convolutional_block", "ResNetSmall", "plain_identity_block",
           "plain_convolutional_block", "PlainSmall", "STAGES", "network", "depth_of"]

# (f, filters, s, number of identity blocks after the convolutional block) per stage:
# ResNetSmall's 38 layers (at 20, with one identity block per stage, a plain network trains as
# well as the residual one on the hand signs; at 38 it no longer does: datasets/measure_signs.py)
STAGES = ((3, (16, 16, 32), 1, 3), (3, (32, 32, 64), 2, 3), (3, (64, 64, 128), 2, 3))
STEM_STRIDE = 2           # 64x64 images: the stages see 16x16, 8x8 and 4x4 maps


def _main_path(X, f, filters, s, training, initializer):
    """conv 1x1 (stride s) -> BN -> ReLU -> conv fxf same -> BN -> ReLU -> conv 1x1 -> BN."""
    F1, F2, F3 = filters
    X = nn.Conv2D(F1, 1, strides=s, padding="valid", kernel_initializer=initializer)(X)
    X = nn.BatchNormalization(axis=3)(X, training=training)
    X = nn.Activation("relu")(X)
    X = nn.Conv2D(F2, f, strides=1, padding="same", kernel_initializer=initializer)(X)
    X = nn.BatchNormalization(axis=3)(X, training=training)
    X = nn.Activation("relu")(X)
    X = nn.Conv2D(F3, 1, strides=1, padding="valid", kernel_initializer=initializer)(X)
    return nn.BatchNormalization(axis=3)(X, training=training)


@course_reference
def identity_block(X, f, filters, training=None,
                   initializer=nn.initializers.GlorotUniform(seed=0)):
    """The identity block: the input skips three convolutions and is added back.

    X -- (m, n_H, n_W, n_C) (symbolic, tensor or array); filters = [F1, F2, F3] with F3 = n_C
    Returns (m, n_H, n_W, F3): ReLU(main path(X) + X).
    """
    X_shortcut = X
    X = _main_path(X, f, filters, 1, training, initializer)
    X = nn.Add()([X, X_shortcut])
    return nn.Activation("relu")(X)


@course_reference
def convolutional_block(X, f, filters, s=2, training=None,
                        initializer=nn.initializers.GlorotUniform(seed=0)):
    """The convolutional block: the shortcut is projected (conv 1x1 stride s + BN) to fit.

    X -- (m, n_H_prev, n_W_prev, n_C_prev); filters = [F1, F2, F3]
    Returns (m, n_H, n_W, F3) with n_H = floor((n_H_prev - 1) / s) + 1.
    """
    X_shortcut = X
    X = _main_path(X, f, filters, s, training, initializer)
    X_shortcut = nn.Conv2D(filters[2], 1, strides=s, padding="valid",
                           kernel_initializer=initializer)(X_shortcut)
    X_shortcut = nn.BatchNormalization(axis=3)(X_shortcut, training=training)
    X = nn.Add()([X, X_shortcut])
    return nn.Activation("relu")(X)


def plain_identity_block(X, f, filters, training=None,
                         initializer=nn.initializers.GlorotUniform(seed=0)):
    """identity_block without the shortcut: ReLU(main path(X))."""
    return nn.Activation("relu")(_main_path(X, f, filters, 1, training, initializer))


def plain_convolutional_block(X, f, filters, s=2, training=None,
                              initializer=nn.initializers.GlorotUniform(seed=0)):
    """convolutional_block without the shortcut: ReLU(main path(X)), the first conv strided."""
    return nn.Activation("relu")(_main_path(X, f, filters, s, training, initializer))


def depth_of(identity_blocks: int) -> int:
    """Layers with weights (convolutions on the main path and the Dense layer; the shortcut's
    projections are not counted) when every stage has ``identity_blocks`` identity blocks."""
    return 2 + 3 * len(STAGES) * (1 + identity_blocks)


def _network(input_shape, classes, conv_block, id_block, name, identity_blocks=None,
             stem_stride=STEM_STRIDE):
    """The network of STAGES; ``identity_blocks`` (if given) replaces every stage's number of
    identity blocks (depth 11 + 9 * identity_blocks layers), ``stem_stride`` the stem
    convolution's stride (2 for 64x64 images: the stages then see what they see at 32x32)."""
    init = nn.initializers.GlorotUniform(seed=0)
    X_input = nn.Input(input_shape)
    X = nn.ZeroPadding2D((1, 1))(X_input)
    X = nn.Conv2D(16, 3, strides=stem_stride, kernel_initializer=init)(X)
    X = nn.BatchNormalization(axis=3)(X)
    X = nn.Activation("relu")(X)
    X = nn.MaxPooling2D((2, 2), strides=(2, 2))(X)
    for f, filters, s, n_identity in STAGES:
        X = conv_block(X, f, list(filters), s=s)
        for _ in range(n_identity if identity_blocks is None else identity_blocks):
            X = id_block(X, f, list(filters))
    X = nn.AveragePooling2D((2, 2))(X)
    X = nn.Flatten()(X)
    X = nn.Dense(classes, activation="softmax", kernel_initializer=init)(X)
    return nn.Model(inputs=X_input, outputs=X, name=name)


@course_reference
def ResNetSmall(input_shape=(64, 64, 3), classes=6):
    """A 38-layer ResNet for small colour images, built with the functional API.

    ZeroPadding2D(1) -> Conv2D(16, 3x3, stride 2) -> BN -> ReLU -> MaxPool 2x2
    -> stage 2: convolutional_block(f=3, [16, 16, 32], s=1), 3 x identity_block(3, [16, 16, 32])
    -> stage 3: convolutional_block(3, [32, 32, 64], s=2), 3 x identity_block(3, [32, 32, 64])
    -> stage 4: convolutional_block(3, [64, 64, 128], s=2), 3 x identity_block(3, [64, 64, 128])
    -> AveragePooling2D 2x2 -> Flatten -> Dense(classes, softmax)
    (64, 64, 3) -> 32 x 32 x 16 -> 16 x 16 x 32 -> 8 x 8 x 64 -> 4 x 4 x 128 -> 2 x 2 x 128
    -> (classes,).  The stem conv and the Dense layer start from GlorotUniform(seed=0), as the
    blocks do.
    """
    return _network(input_shape, classes, convolutional_block, identity_block, "ResNetSmall")


def PlainSmall(input_shape=(64, 64, 3), classes=6):
    """ResNetSmall with every shortcut removed (same layers, same depth, no Add)."""
    return _network(input_shape, classes, plain_convolutional_block, plain_identity_block,
                    "PlainSmall")


def network(depth=38, residual=True, input_shape=(64, 64, 3), classes=6,
            stem_stride=STEM_STRIDE):
    """ResNetSmall's design at another depth: ``depth`` = 11 + 9 n layers (11, 20, 29, 38, ...)
    with n identity blocks per stage; ``residual=False`` gives the plain twin (no shortcuts).
    ``network(38)`` is ResNetSmall and ``network(38, False)`` PlainSmall, layer for layer;
    ``stem_stride=1`` keeps the full resolution (the setting for 32x32 images)."""
    n, rest = divmod(depth - depth_of(0), depth_of(1) - depth_of(0))
    if rest or n < 0:
        raise ValueError(f"depth must be 11 + 9 n layers (11, 20, 29, 38, ...), not {depth}")
    blocks = ((convolutional_block, identity_block) if residual
              else (plain_convolutional_block, plain_identity_block))
    name = f"{'ResNet' if residual else 'Plain'}{depth}"
    return _network(input_shape, classes, *blocks, name, identity_blocks=n,
                    stem_stride=stem_stride)
