"""Transfer learning with the course's MobileNetV2 (answers of c4w2a2_transfer_learning).

    augmenter = data_augmenter()                         # RandomFlip + RandomRotation(0.05)
    model = transfer_model((28, 28, 1), augmenter)       # frozen pretrained backbone + new head
    model.compile(...); model.fit(...)
    fine_tune(model, fine_tune_at, base_learning_rate)   # unfreeze the top of the backbone

The backbone is ``utils.mobilenet.MobileNetV2`` (named "mobilenetv2" inside the model),
pretrained on four Fashion-MNIST classes that the six-class set never shows.
"""
from __future__ import annotations

from utils import nn
from utils.mobilenet import MobileNetV2, preprocess_input
from utils.testing import course_reference

# The assignment whose exercises this module answers: its graded sandbox does not contain it.
TAUGHT_IN = ("c4w2a2_transfer_learning",)

__all__ = ["data_augmenter", "transfer_model", "fine_tune"]


@course_reference
def data_augmenter():
    """A Sequential of RandomFlip("horizontal") and RandomRotation(0.05) (up to +-18 degrees;
    the original's 0.2, +-72 degrees, turns upright garments into pictures the test set never
    shows): active only when called with training=True (model.fit), the identity at inference.
    Images (m, n_H, n_W, n_C) -> (m, n_H, n_W, n_C)."""
    return nn.Sequential([nn.RandomFlip("horizontal"), nn.RandomRotation(0.05)])


@course_reference
def transfer_model(image_shape=(28, 28, 1), data_augmentation=None, n_classes=6,
                   weights="fashion_shoes_bags"):
    """Pixels (m, 28, 28, 1) in [0, 255] -> logits (m, n_classes):
    data_augmentation -> preprocess_input -> frozen MobileNetV2 (training=False) ->
    GlobalAveragePooling2D -> Dropout(0.2) -> Dense(n_classes) (no activation)."""
    base_model = MobileNetV2(input_shape=image_shape, weights=weights)
    base_model.trainable = False
    inputs = nn.Input(image_shape)
    x = data_augmentation(inputs)
    x = preprocess_input(x)
    x = base_model(x, training=False)
    x = nn.GlobalAveragePooling2D()(x)
    x = nn.Dropout(0.2)(x)
    outputs = nn.Dense(n_classes)(x)
    return nn.Model(inputs, outputs)


@course_reference
def fine_tune(model, fine_tune_at, base_learning_rate):
    """Unfreeze the backbone's layers from index ``fine_tune_at`` on (those before it stay
    frozen) and recompile ``model`` with Adam(0.1 * base_learning_rate), the sparse
    categorical cross-entropy on logits and the accuracy.  Returns the model."""
    base_model = model.get_layer("mobilenetv2")
    base_model.trainable = True
    for layer in base_model.layers[:fine_tune_at]:
        layer.trainable = False
    model.compile(optimizer=nn.Adam(learning_rate=0.1 * base_learning_rate),
                  loss=nn.losses.SparseCategoricalCrossentropy(from_logits=True),
                  metrics=["accuracy"])
    return model
