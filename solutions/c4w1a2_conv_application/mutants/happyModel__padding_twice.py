# Mistake: padded twice: ZeroPadding2D and then padding="same" on the convolution (34x34 out instead of 28x28).
def happyModel():
    nn.set_seed(1)
    model = nn.Sequential([
        nn.Input((28, 28, 1)),
        nn.ZeroPadding2D(padding=3),
        nn.Conv2D(32, (7, 7), strides=(1, 1), padding="same"),
        nn.BatchNormalization(axis=3),
        nn.ReLU(),
        nn.MaxPool2D(),
        nn.Flatten(),
        nn.Dense(1, activation="sigmoid"),
    ])
    return model
