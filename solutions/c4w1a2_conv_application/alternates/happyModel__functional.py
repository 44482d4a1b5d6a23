# Correct: the same chain written with the functional API (any model with this architecture is
# accepted).
def happyModel():
    nn.set_seed(1)
    x = inputs = nn.Input((28, 28, 1))
    for layer in [nn.ZeroPadding2D(3), nn.Conv2D(32, 7), nn.BatchNormalization(axis=3),
                  nn.ReLU(), nn.MaxPool2D(2), nn.Flatten(), nn.Dense(1, activation="sigmoid")]:
        x = layer(x)
    return nn.Model(inputs, x)
