# Mistake: a ReLU after the third batch normalisation as well (before the Add).
def identity_block(X, f, filters, training=None,
                   initializer=nn.initializers.GlorotUniform(seed=0)):
    """Identity block of a ResNet: three convolutions; the input is added back before the last
    ReLU.

    Arguments:
    X -- input of shape (m, n_H, n_W, n_C): a symbolic tensor (from nn.Input), a Tensor or an
         array
    f -- integer, the window size (f, f) of the middle convolution
    filters -- list of 3 integers [F1, F2, F3]: the filters of the three convolutions
               (F3 must equal n_C, so that the input can be added)
    training -- given to every BatchNormalization call: True uses the batch's statistics,
                False the moving averages, None follows the model (fit / predict)
    initializer -- the kernel_initializer of every Conv2D

    Returns:
    X -- output of shape (m, n_H, n_W, F3)
    """
    F1, F2, F3 = filters
    X_shortcut = X                       # saved, to be added back at the end

    # first component of the main path (given)
    X = nn.Conv2D(F1, kernel_size=1, strides=1, padding="valid",
                  kernel_initializer=initializer)(X)
    X = nn.BatchNormalization(axis=3)(X, training=training)
    X = nn.Activation("relu")(X)

    # second component
    X = nn.Conv2D(F2, kernel_size=f, strides=1, padding="same",
                  kernel_initializer=initializer)(X)
    X = nn.BatchNormalization(axis=3)(X, training=training)
    X = nn.Activation("relu")(X)

    # third component (no ReLU yet)
    X = nn.Conv2D(F3, kernel_size=1, strides=1, padding="valid",
                  kernel_initializer=initializer)(X)
    X = nn.BatchNormalization(axis=3)(X, training=training)
    X = nn.Activation("relu")(X)

    # the shortcut, then the ReLU
    X = nn.Add()([X, X_shortcut])
    X = nn.Activation("relu")(X)
    return X