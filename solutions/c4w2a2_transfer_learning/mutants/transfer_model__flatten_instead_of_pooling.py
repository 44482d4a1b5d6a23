# Mistake: Flatten instead of GlobalAveragePooling2D.
def transfer_model(image_shape=IMG_SHAPE, data_augmentation=None, n_classes=6,
                   weights="fashion_shoes_bags"):
    base_model = MobileNetV2(input_shape=image_shape, weights=weights)
    base_model.trainable = False
    inputs = nn.Input(image_shape)
    x = data_augmentation(inputs)
    x = preprocess_input(x)
    x = base_model(x, training=False)
    x = nn.Flatten()(x)
    x = nn.Dropout(0.2)(x)
    outputs = nn.Dense(n_classes)(x)
    return nn.Model(inputs, outputs)
