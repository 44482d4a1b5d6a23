# Correct: an empty Sequential filled with .add; the first layer gets input_shape= instead of an
# Input; Activation("relu") for ReLU(), MaxPooling2D with explicit arguments, axis=-1, padding
# as ((top, bottom), (left, right)).
def happyModel():
    nn.set_seed(1)
    model = nn.Sequential()
    model.add(nn.ZeroPadding2D(padding=((3, 3), (3, 3)), input_shape=(28, 28, 1)))
    model.add(nn.Conv2D(filters=32, kernel_size=7))
    model.add(nn.BatchNormalization(axis=-1))
    model.add(nn.Activation("relu"))
    model.add(nn.MaxPooling2D(pool_size=(2, 2), strides=2, padding="valid"))
    model.add(nn.Flatten())
    model.add(nn.Dense(units=1, activation="sigmoid"))
    return model
