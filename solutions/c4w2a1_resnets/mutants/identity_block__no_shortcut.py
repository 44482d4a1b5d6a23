# Mistake: never adds the input back: the block is ReLU(main path), a plain block.
def identity_block(X, f, filters, training=None,
                   initializer=nn.initializers.GlorotUniform(seed=0)):
    F1, F2, F3 = filters
    X_shortcut = X

    X = nn.Conv2D(F1, kernel_size=1, strides=1, padding="valid",
                  kernel_initializer=initializer)(X)
    X = nn.BatchNormalization(axis=3)(X, training=training)
    X = nn.Activation("relu")(X)

    X = nn.Conv2D(F2, kernel_size=f, strides=1, padding="same",
                  kernel_initializer=initializer)(X)
    X = nn.BatchNormalization(axis=3)(X, training=training)
    X = nn.Activation("relu")(X)

    X = nn.Conv2D(F3, kernel_size=1, strides=1, padding="valid",
                  kernel_initializer=initializer)(X)
    X = nn.BatchNormalization(axis=3)(X, training=training)
    X = nn.Activation("relu")(X)
    return X
