# Correct, written differently: every block written out, stage by stage, without a loop.
def ResNetSmall(input_shape=(64, 64, 3), classes=6):
    """A 38-layer ResNet built with the functional API (see the table above).

    Arguments:
    input_shape -- shape of one image (n_H, n_W, n_C)
    classes -- number of classes

    Returns:
    model -- an nn.Model from Input(input_shape) to the softmax probabilities (m, classes);
             for (64, 64, 3) images the stages output (16, 16, 32), (8, 8, 64), (4, 4, 128)
    """
    init = nn.initializers.GlorotUniform(seed=0)
    X_input = nn.Input(input_shape)

    # stem: the stride 2 halves the image
    X = nn.ZeroPadding2D((1, 1))(X_input)
    X = nn.Conv2D(16, 3, strides=2, kernel_initializer=init)(X)
    X = nn.BatchNormalization(axis=3)(X)
    X = nn.Activation("relu")(X)
    X = nn.MaxPooling2D((2, 2), strides=(2, 2))(X)

    # stage 2
    X = convolutional_block(X, f=3, filters=[16, 16, 32], s=1)
    X = identity_block(X, 3, [16, 16, 32])
    X = identity_block(X, 3, [16, 16, 32])
    X = identity_block(X, 3, [16, 16, 32])

    # stage 3
    X = convolutional_block(X, f=3, filters=[32, 32, 64], s=2)
    X = identity_block(X, 3, [32, 32, 64])
    X = identity_block(X, 3, [32, 32, 64])
    X = identity_block(X, 3, [32, 32, 64])

    # stage 4
    X = convolutional_block(X, f=3, filters=[64, 64, 128], s=2)
    X = identity_block(X, 3, [64, 64, 128])
    X = identity_block(X, 3, [64, 64, 128])
    X = identity_block(X, 3, [64, 64, 128])

    # head
    X = nn.AveragePooling2D((2, 2))(X)
    X = nn.Flatten()(X)
    X = nn.Dense(classes, activation="softmax", kernel_initializer=init)(X)
    return nn.Model(inputs=X_input, outputs=X, name="ResNetSmall")
