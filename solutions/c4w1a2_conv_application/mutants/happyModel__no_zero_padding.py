# Mistake: forgot the ZeroPadding2D layer (the 7x7 convolution then shrinks 28x28 to 22x22).
def happyModel():
    nn.set_seed(1)
    model = nn.Sequential([
        nn.Input((28, 28, 1)),
        nn.Conv2D(32, (7, 7), strides=(1, 1)),
        nn.BatchNormalization(axis=3),
        nn.ReLU(),
        nn.MaxPool2D(),
        nn.Flatten(),
        nn.Dense(1, activation="sigmoid"),
    ])
    return model
