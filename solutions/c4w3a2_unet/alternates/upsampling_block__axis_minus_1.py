# Correct: Concatenate(axis=-1) (the last axis is the channels), an int stride and kernel size.
from utils import nn


def upsampling_block(expansive_input, contractive_input, n_filters=32):
    up = nn.Conv2DTranspose(filters=n_filters, kernel_size=3, strides=2,
                            padding="same")(expansive_input)
    x = nn.Concatenate(axis=-1)([up, contractive_input])
    x = nn.Conv2D(n_filters, (3, 3), padding="same", activation="relu",
                  kernel_initializer="he_normal")(x)
    return nn.Conv2D(n_filters, (3, 3), padding="same", activation="relu",
                     kernel_initializer="he_normal")(x)
