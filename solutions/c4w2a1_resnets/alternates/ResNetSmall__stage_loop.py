# Correct, written differently: one loop over a table of stages, four blocks per stage, the
# first of them the convolutional block; keyword arguments and training=None written out.
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

    stages = [{"filters": [16, 16, 32], "s": 1}, {"filters": [32, 32, 64], "s": 2},
              {"filters": [64, 64, 128], "s": 2}]
    for stage in stages:
        for block in range(4):
            if block == 0:
                X = convolutional_block(X, 3, stage["filters"], stage["s"], None)
            else:
                X = identity_block(X, f=3, filters=stage["filters"], training=None)

    X = nn.Flatten()(nn.AveragePooling2D(pool_size=(2, 2))(X))
    X = nn.Dense(classes, activation="softmax", kernel_initializer=init)(X)
    return nn.Model(inputs=X_input, outputs=X, name="ResNetSmall")
