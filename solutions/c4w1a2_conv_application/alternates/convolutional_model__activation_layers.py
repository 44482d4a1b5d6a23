# Correct: Activation("relu") layers instead of ReLU(), MaxPooling2D spelled out, the last two
# layers in one expression.
def convolutional_model(input_shape):
    nn.set_seed(1)
    input_img = nn.Input(shape=input_shape)
    Z1 = nn.Conv2D(8, (4, 4), padding="same")(input_img)
    A1 = nn.Activation("relu")(Z1)
    P1 = nn.MaxPooling2D(pool_size=4, strides=4, padding="same")(A1)
    Z2 = nn.Conv2D(16, (2, 2), padding="same")(P1)
    A2 = nn.Activation("relu")(Z2)
    P2 = nn.MaxPooling2D(pool_size=2, strides=2, padding="same")(A2)
    outputs = nn.Dense(6, activation="softmax")(nn.Flatten()(P2))
    return nn.Model(input_img, outputs)
