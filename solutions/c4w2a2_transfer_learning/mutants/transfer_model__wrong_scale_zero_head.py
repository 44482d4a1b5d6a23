# Mistake (or an attack): pixels scaled to [0, 1] instead of [-1, 1], hidden behind a head
# whose weights are all zero (every model then predicts zeros, and agrees with any other).
def transfer_model(image_shape=IMG_SHAPE, data_augmentation=None, n_classes=6,
                   weights="fashion_shoes_bags"):
    base_model = MobileNetV2(input_shape=image_shape, weights=weights)
    base_model.trainable = False
    inputs = nn.Input(image_shape)
    x = data_augmentation(inputs)
    x = nn.Rescaling(1 / 255)(x)
    x = base_model(x, training=False)
    x = nn.GlobalAveragePooling2D()(x)
    x = nn.Dropout(0.2)(x)
    head = nn.Dense(n_classes)
    outputs = head(x)
    model = nn.Model(inputs, outputs)
    head.set_weights([w * 0 for w in head.get_weights()])
    return model
