# Correct: the layers in a list, applied in a loop; integer arguments for the window sizes.
def convolutional_model(input_shape):
    nn.set_seed(1)
    input_img = nn.Input(shape=input_shape)
    stack = [
        nn.Conv2D(8, 4, padding="same"), nn.ReLU(), nn.MaxPool2D(4, padding="same"),
        nn.Conv2D(16, 2, padding="same"), nn.ReLU(), nn.MaxPool2D(2, 2, padding="same"),
        nn.Flatten(), nn.Dense(6, activation="softmax"),
    ]
    x = input_img
    for layer in stack:
        x = layer(x)
    model = nn.Model(inputs=input_img, outputs=x)
    return model
