# Mistake: a 3x3 kernel instead of 7x7 (the default most examples use).
def happyModel():
    nn.set_seed(1)
    model = nn.Sequential([
        nn.Input((28, 28, 1)),
        nn.ZeroPadding2D(padding=3),
        nn.Conv2D(32, 3),
        nn.BatchNormalization(axis=3),
        nn.ReLU(),
        nn.MaxPool2D(),
        nn.Flatten(),
        nn.Dense(1, activation="sigmoid"),
    ])
    return model
