# Mistake: unfreezes the whole backbone (the layers before fine_tune_at are not frozen again).
def fine_tune(model, fine_tune_at, base_learning_rate):
    base_model = model.get_layer("mobilenetv2")
    base_model.trainable = True
    model.compile(optimizer=nn.Adam(learning_rate=0.1 * base_learning_rate),
                  loss=nn.losses.SparseCategoricalCrossentropy(from_logits=True),
                  metrics=["accuracy"])
    return model
