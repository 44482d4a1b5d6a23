# Correct: keyword arguments, kernel and pool sizes as ints, the pooling on a separate name.
from utils import nn


def conv_block(inputs, n_filters=32, dropout_prob=0, max_pooling=True):
    x = inputs
    for _ in range(2):
        x = nn.Conv2D(filters=n_filters, kernel_size=(3, 3), strides=1, padding="same",
                      activation="relu", kernel_initializer="he_normal")(x)
    if dropout_prob:
        x = nn.Dropout(rate=dropout_prob)(x)
    skip_connection = x
    next_layer = nn.MaxPooling2D(2)(x) if max_pooling else x
    return next_layer, skip_connection
