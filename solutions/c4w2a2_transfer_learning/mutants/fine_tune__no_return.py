# Mistake: changes and recompiles the model but forgets `return model` (returns None).
def fine_tune(model, fine_tune_at, base_learning_rate):
    base_model = model.get_layer("mobilenetv2")
    base_model.trainable = True
    for layer in base_model.layers[:fine_tune_at]:
        layer.trainable = False
    model.compile(optimizer=nn.Adam(learning_rate=0.1 * base_learning_rate),
                  loss=nn.losses.SparseCategoricalCrossentropy(from_logits=True),
                  metrics=["accuracy"])
