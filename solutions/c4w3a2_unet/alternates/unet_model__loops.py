# Correct: the contracting and expanding paths written as loops over the depths.
from utils import nn


def unet_model(input_size=(96, 128, 3), n_filters=32, n_classes=11):
    inputs = nn.Input(input_size)
    x, skips = inputs, []
    for depth in range(5):
        x, skip = conv_block(x, n_filters * 2 ** depth, dropout_prob=0.3 if depth >= 3 else 0,
                             max_pooling=depth < 4)
        skips.append(skip)
    for depth in (3, 2, 1, 0):
        x = upsampling_block(x, skips[depth], n_filters * 2 ** depth)
    x = nn.Conv2D(n_filters, 3, activation="relu", padding="same",
                  kernel_initializer="he_normal")(x)
    outputs = nn.Conv2D(n_classes, 1, padding="same")(x)
    return nn.Model(inputs=inputs, outputs=outputs)
