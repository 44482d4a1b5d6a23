# Mistake: normalised axis 1 (the rows, as if channels came first) instead of the channels, axis 3.
def happyModel():
    nn.set_seed(1)
    model = nn.Sequential([
        nn.Input((28, 28, 1)),
        nn.ZeroPadding2D(padding=3),
        nn.Conv2D(32, (7, 7), strides=(1, 1)),
        nn.BatchNormalization(axis=1),
        nn.ReLU(),
        nn.MaxPool2D(),
        nn.Flatten(),
        nn.Dense(1, activation="sigmoid"),
    ])
    return model
