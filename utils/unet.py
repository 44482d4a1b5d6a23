"""U-Net for semantic segmentation (c4w3a2): the encoder block, the decoder block and the model.

Built from the layers of :mod:`utils.nn` (NHWC images, Keras names), with the architecture of
Ronneberger et al. (2015) as the original assignment sizes it for 96 x 128 images:

    contracting path   conv_block x 4 (filters n, 2n, 4n, 8n; 2x2 max pooling after each;
                       dropout 0.3 in the fourth), then a bottleneck conv_block(16n, dropout 0.3,
                       no pooling)
    expanding path     upsampling_block x 4 (8n, 4n, 2n, n): a 3x3 transposed convolution of
                       stride 2 doubles the height and width, the block's output is
                       concatenated with the skip connection of the same size (channels last),
                       then two 3x3 convolutions
    head               conv 3x3 (n, ReLU), conv 1x1 (n_classes): one logit per class and pixel

(96, 128, 3) -> 48 x 64 -> 24 x 32 -> 12 x 16 -> 6 x 8 (bottleneck) -> back to (96, 128,
n_classes).  Every 3x3 convolution is ReLU, padding "same", He-normal initialised; the
transposed convolutions and the 1x1 head have no activation.  At n_filters=32 and 23 classes
(the original's) the model has 8,640,471 parameters.
"""
from __future__ import annotations

from utils import nn
from utils.testing import course_reference

TAUGHT_IN = ("c4w3a2_unet",)

__all__ = ["conv_block", "upsampling_block", "unet_model"]


def _conv3x3(n_filters):
    return nn.Conv2D(n_filters, 3, activation="relu", padding="same",
                     kernel_initializer="he_normal")


@course_reference
def conv_block(inputs, n_filters=32, dropout_prob=0, max_pooling=True):
    """One step of the contracting path.

    inputs -- (m, n_H, n_W, n_C) (symbolic, Tensor or array)
    n_filters -- filters of the two 3x3 convolutions (ReLU, padding "same", He normal)
    dropout_prob -- if > 0, Dropout(dropout_prob) after the second convolution
    max_pooling -- if True, 2x2 max pooling of the result

    Returns (next_layer, skip_connection): next_layer is (m, n_H / 2, n_W / 2, n_filters)
    (the pooled output; the output itself without pooling), skip_connection
    (m, n_H, n_W, n_filters) is the output before the pooling.
    """
    conv = _conv3x3(n_filters)(inputs)
    conv = _conv3x3(n_filters)(conv)
    if dropout_prob > 0:
        conv = nn.Dropout(dropout_prob)(conv)
    next_layer = nn.MaxPooling2D(pool_size=(2, 2))(conv) if max_pooling else conv
    skip_connection = conv
    return next_layer, skip_connection


@course_reference
def upsampling_block(expansive_input, contractive_input, n_filters=32):
    """One step of the expanding path.

    expansive_input -- (m, n_H, n_W, n_C), the output of the previous (deeper) block
    contractive_input -- (m, 2 n_H, 2 n_W, n_C_skip), the skip connection of the same size
    n_filters -- filters of the transposed convolution and of the two 3x3 convolutions

    Conv2DTranspose(n_filters, 3, strides 2, padding "same") -> concatenate [up, skip] on the
    channels -> two 3x3 convolutions (ReLU, same, He normal).
    Returns (m, 2 n_H, 2 n_W, n_filters).
    """
    up = nn.Conv2DTranspose(n_filters, 3, strides=(2, 2), padding="same")(expansive_input)
    merge = nn.Concatenate(axis=3)([up, contractive_input])
    conv = _conv3x3(n_filters)(merge)
    return _conv3x3(n_filters)(conv)


@course_reference
def unet_model(input_size=(96, 128, 3), n_filters=32, n_classes=11):
    """The U-Net: an nn.Model from Input(input_size) to logits (m, n_H, n_W, n_classes).

    input_size -- (n_H, n_W, n_C), n_H and n_W divisible by 16
    n_filters -- filters of the first block (doubled at each step down, halved on the way up)
    n_classes -- number of classes (one logit per class and pixel, no softmax)
    """
    inputs = nn.Input(input_size)
    cblock1 = conv_block(inputs, n_filters)
    cblock2 = conv_block(cblock1[0], n_filters * 2)
    cblock3 = conv_block(cblock2[0], n_filters * 4)
    cblock4 = conv_block(cblock3[0], n_filters * 8, dropout_prob=0.3)
    cblock5 = conv_block(cblock4[0], n_filters * 16, dropout_prob=0.3, max_pooling=False)
    ublock6 = upsampling_block(cblock5[0], cblock4[1], n_filters * 8)
    ublock7 = upsampling_block(ublock6, cblock3[1], n_filters * 4)
    ublock8 = upsampling_block(ublock7, cblock2[1], n_filters * 2)
    ublock9 = upsampling_block(ublock8, cblock1[1], n_filters)
    conv9 = _conv3x3(n_filters)(ublock9)
    conv10 = nn.Conv2D(n_classes, 1, padding="same")(conv9)
    return nn.Model(inputs=inputs, outputs=conv10)
