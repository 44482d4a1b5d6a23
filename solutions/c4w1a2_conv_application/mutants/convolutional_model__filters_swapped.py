# Mistake: 16 filters in the first convolution and 8 in the second.
def convolutional_model(input_shape):
    nn.set_seed(1)
    input_img = nn.Input(shape=input_shape)
    Z1 = nn.Conv2D(filters=16, kernel_size=(4, 4), strides=(1, 1), padding="same")(input_img)
    A1 = nn.ReLU()(Z1)
    P1 = nn.MaxPool2D(pool_size=(4, 4), strides=(4, 4), padding="same")(A1)
    Z2 = nn.Conv2D(filters=8, kernel_size=(2, 2), strides=(1, 1), padding="same")(P1)
    A2 = nn.ReLU()(Z2)
    P2 = nn.MaxPool2D(pool_size=(2, 2), strides=(2, 2), padding="same")(A2)
    F = nn.Flatten()(P2)
    outputs = nn.Dense(units=6, activation="softmax")(F)
    model = nn.Model(inputs=input_img, outputs=outputs)
    return model
