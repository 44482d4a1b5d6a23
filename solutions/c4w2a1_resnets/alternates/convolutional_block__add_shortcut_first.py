# Correct, written differently: Add()([X_shortcut, X]), the shortcut first. A model around
# this block lists the shortcut's convolution before the main path's last ones; the tests pair
# the layers with the course's by structure (utils.architecture.in_reference_order).
def convolutional_block(X, f, filters, s=2, training=None,
                        initializer=nn.initializers.GlorotUniform(seed=0)):
    """Convolutional block of a ResNet: the identity block with a stride s on the first
    convolution and a projection (1x1 convolution, stride s, + BN) on the shortcut.

    Arguments:
    X -- input of shape (m, n_H_prev, n_W_prev, n_C_prev) (symbolic, Tensor or array)
    f -- integer, the window size (f, f) of the middle convolution
    filters -- list of 3 integers [F1, F2, F3]: the filters of the three convolutions of the
               main path (the shortcut's convolution has F3 filters)
    s -- integer, the stride of the first convolution and of the shortcut's convolution
    training -- given to every BatchNormalization call (True, False or None, as in
                identity_block)
    initializer -- the kernel_initializer of every Conv2D

    Returns:
    X -- output of shape (m, n_H, n_W, F3), n_H = (n_H_prev - 1) // s + 1 (and n_W likewise)
    """
    F1, F2, F3 = filters
    X_shortcut = X

    # first component of the main path (given): note the stride s
    X = nn.Conv2D(F1, kernel_size=1, strides=s, padding="valid",
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

    # the shortcut path: project X to the output's shape
    X_shortcut = nn.Conv2D(F3, kernel_size=1, strides=s, padding="valid",
                           kernel_initializer=initializer)(X_shortcut)
    X_shortcut = nn.BatchNormalization(axis=3)(X_shortcut, training=training)

    X = nn.Add()([X_shortcut, X])
    X = nn.Activation("relu")(X)
    return X