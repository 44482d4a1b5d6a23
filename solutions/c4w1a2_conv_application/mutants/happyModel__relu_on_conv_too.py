# Mistake: put activation="relu" on the Conv2D as well, so the ReLU comes before batch normalization.
def happyModel():
    nn.set_seed(1)
    model = nn.Sequential([
        nn.Input((28, 28, 1)),
        nn.ZeroPadding2D(padding=3),
        nn.Conv2D(32, (7, 7), strides=(1, 1), activation="relu"),
        nn.BatchNormalization(axis=3),
        nn.ReLU(),
        nn.MaxPool2D(),
        nn.Flatten(),
        nn.Dense(1, activation="sigmoid"),
    ])
    return model
