# The preprocessing written as the Rescaling layer it is, named layers, the backbone frozen
# after the graph is built.
def transfer_model(image_shape=IMG_SHAPE, data_augmentation=None, n_classes=6,
                   weights="fashion_shoes_bags"):
    inputs = nn.Input(image_shape, name="pixels")
    augmented = data_augmentation(inputs)
    scaled = nn.Rescaling(1 / 127.5, offset=-1.0, name="to_minus1_plus1")(augmented)
    backbone = MobileNetV2(input_shape=image_shape, weights=weights)
    features = backbone(scaled, training=False)
    pooled = nn.GlobalAveragePooling2D(name="pool")(features)
    dropped = nn.Dropout(rate=0.2, name="drop")(pooled)
    logits = nn.Dense(units=n_classes, activation=None, name="logits")(dropped)
    backbone.trainable = False
    return nn.Model(inputs=inputs, outputs=logits)
