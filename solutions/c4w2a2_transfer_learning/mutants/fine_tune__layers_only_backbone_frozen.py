# Mistake: unfreezes the top layers one by one but leaves the backbone itself frozen, so nothing trains.
def fine_tune(model, fine_tune_at, base_learning_rate):
    base_model = model.get_layer("mobilenetv2")
    for layer in base_model.layers[fine_tune_at:]:
        layer.trainable = True
    model.compile(optimizer=nn.Adam(learning_rate=0.1 * base_learning_rate),
                  loss=nn.losses.SparseCategoricalCrossentropy(from_logits=True),
                  metrics=["accuracy"])
    return model
