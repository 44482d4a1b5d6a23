# Mistake: compiles with a loss that expects probabilities while the model outputs logits.
def fine_tune(model, fine_tune_at, base_learning_rate):
    base_model = model.get_layer("mobilenetv2")
    base_model.trainable = True
    for layer in base_model.layers[:fine_tune_at]:
        layer.trainable = False
    model.compile(optimizer=nn.Adam(learning_rate=0.1 * base_learning_rate),
                  loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    return model
