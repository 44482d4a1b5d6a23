# One flag per layer from its index; the loss by its class, the optimizer's rate computed first.
def fine_tune(model, fine_tune_at, base_learning_rate):
    backbone = [layer for layer in model.layers if layer.name == "mobilenetv2"][0]
    backbone.trainable = True
    for i, layer in enumerate(backbone.layers):
        layer.trainable = i >= fine_tune_at
    rate = base_learning_rate / 10
    model.compile(nn.Adam(rate), nn.losses.SparseCategoricalCrossentropy(from_logits=True),
                  ["accuracy"])
    return model
