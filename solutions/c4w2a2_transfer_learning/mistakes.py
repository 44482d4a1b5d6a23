"""Known mistakes in c4w2a2_transfer_learning: read by autograder/mistakes.py (see CONTRIBUTING.md, "Mistakes").

Plain data, never executed.  Each patch is a list of (old, new) replacements applied in order to
the solution cell's source; the self-test proves that every mistake loses points.
"""

MISTAKES = [
    {"cell": "data_augmenter", "name": "rotation_in_degrees",
     "says": "gives the rotation range in degrees (18) instead of a fraction of a turn (0.05)",
     "hint": None,
     "patch": [("    data_augmentation = nn.Sequential()\n"
                '    data_augmentation.add(nn.RandomFlip("horizontal"))\n'
                "    data_augmentation.add(nn.RandomRotation(0.05))\n",
                '    data_augmentation = nn.Sequential([nn.RandomFlip("horizontal"), nn.RandomRotation(18)])\n')]},
    {"cell": "data_augmenter", "name": "rotation_only",
     "says": "forgot the random flip (only the rotation)", "hint": None,
     "patch": [("    data_augmentation = nn.Sequential()\n"
                '    data_augmentation.add(nn.RandomFlip("horizontal"))\n'
                "    data_augmentation.add(nn.RandomRotation(0.05))\n",
                "    data_augmentation = nn.Sequential([nn.RandomRotation(0.05)])\n")]},
    {"cell": "data_augmenter", "name": "vertical_flip",
     "says": "flips upside down instead of left-right", "hint": None,
     "patch": [("    data_augmentation = nn.Sequential()\n"
                '    data_augmentation.add(nn.RandomFlip("horizontal"))\n'
                "    data_augmentation.add(nn.RandomRotation(0.05))\n",
                '    data_augmentation = nn.Sequential([nn.RandomFlip("vertical"), nn.RandomRotation(0.05)])\n')]},
    {"cell": "fine_tune", "name": "freezes_the_top",
     "says": "freezes the layers from fine_tune_at on and leaves the early ones trainable",
     "hint": None,
     "patch": [("    for layer in base_model.layers[:fine_tune_at]:\n",
                "    for layer in base_model.layers[fine_tune_at:]:\n")]},
    {"cell": "fine_tune", "name": "layers_only_backbone_frozen",
     "says": "unfreezes the top layers one by one but leaves the backbone itself frozen, so nothing trains",
     "hint": None,
     "patch": [("    base_model.trainable = True\n"
                "    for layer in base_model.layers[:fine_tune_at]:\n"
                "        layer.trainable = False\n",
                "    for layer in base_model.layers[fine_tune_at:]:\n"
                "        layer.trainable = True\n")]},
    {"cell": "fine_tune", "name": "loss_on_probabilities",
     "says": "compiles with a loss that expects probabilities while the model outputs logits",
     "hint": None,
     "patch": [("                  loss=nn.losses.SparseCategoricalCrossentropy(from_logits=True),\n"
                '                  metrics=["accuracy"])\n',
                '                  loss="sparse_categorical_crossentropy", metrics=["accuracy"])\n')]},
    {"cell": "fine_tune", "name": "no_return",
     "says": "changes and recompiles the model but forgets `return model` (returns None)",
     "hint": None,
     "patch": [("    return model",
                "")]},
    {"cell": "fine_tune", "name": "same_learning_rate",
     "says": "keeps base_learning_rate instead of a tenth of it", "hint": None,
     "patch": [("    model.compile(optimizer=nn.Adam(learning_rate=0.1 * base_learning_rate),\n",
                "    model.compile(optimizer=nn.Adam(learning_rate=base_learning_rate),\n")]},
    {"cell": "fine_tune", "name": "unfreezes_everything",
     "says": "unfreezes the whole backbone (the layers before fine_tune_at are not frozen again)",
     "hint": None,
     "patch": [("    for layer in base_model.layers[:fine_tune_at]:\n"
                "        layer.trainable = False\n",
                "")]},
    {"cell": "transfer_model", "name": "augmentation_at_inference",
     "says": "the augmenter is called with training=True, so it also changes images at inference",
     "hint": None,
     "patch": [("    x = data_augmentation(inputs)\n",
                "    x = data_augmentation(inputs, training=True)\n"),
               ("    model = nn.Model(inputs, outputs)\n"
                "    ### END SOLUTION\n"
                "    return model",
                "    return nn.Model(inputs, outputs)")]},
    {"cell": "transfer_model", "name": "backbone_not_pinned_to_inference",
     "says": "the backbone is called without training=False (its batch normalisation would train once unfrozen)",
     "hint": None,
     "patch": [("    x = base_model(x, training=False)\n",
                "    x = base_model(x)\n"),
               ("    model = nn.Model(inputs, outputs)\n"
                "    ### END SOLUTION\n"
                "    return model",
                "    return nn.Model(inputs, outputs)")]},
    {"cell": "transfer_model", "name": "backbone_trainable",
     "says": "the backbone is left trainable (no base_model.trainable = False)", "hint": None,
     "patch": [("    base_model.trainable = False\n",
                ""),
               ("    model = nn.Model(inputs, outputs)\n"
                "    ### END SOLUTION\n"
                "    return model",
                "    return nn.Model(inputs, outputs)")]},
    {"cell": "transfer_model", "name": "dropout_rate_wrong",
     "says": "uses the dropout rate 0.5 instead of 0.2", "hint": None,
     "patch": [("    x = nn.Dropout(0.2)(x)\n",
                "    x = nn.Dropout(0.5)(x)\n"),
               ("    model = nn.Model(inputs, outputs)\n"
                "    ### END SOLUTION\n"
                "    return model",
                "    return nn.Model(inputs, outputs)")]},
    {"cell": "transfer_model", "name": "flatten_instead_of_pooling",
     "says": "uses Flatten instead of GlobalAveragePooling2D", "hint": None,
     "patch": [("    x = nn.GlobalAveragePooling2D()(x)\n",
                "    x = nn.Flatten()(x)\n"),
               ("    model = nn.Model(inputs, outputs)\n"
                "    ### END SOLUTION\n"
                "    return model",
                "    return nn.Model(inputs, outputs)")]},
    {"cell": "transfer_model", "name": "no_preprocessing",
     "says": "forgot preprocess_input: the backbone gets pixels in [0, 255] instead of [-1, 1]",
     "hint": None,
     "patch": [("    x = preprocess_input(x)\n",
                ""),
               ("    model = nn.Model(inputs, outputs)\n"
                "    ### END SOLUTION\n"
                "    return model",
                "    return nn.Model(inputs, outputs)")]},
    {"cell": "transfer_model", "name": "random_backbone",
     "says": "the backbone is built without its pretrained weights", "hint": None,
     "patch": [("    base_model = MobileNetV2(input_shape=image_shape, weights=weights)\n",
                "    base_model = MobileNetV2(input_shape=image_shape)\n"),
               ("    model = nn.Model(inputs, outputs)\n"
                "    ### END SOLUTION\n"
                "    return model",
                "    return nn.Model(inputs, outputs)")]},
    {"cell": "transfer_model", "name": "six_classes_hard_coded",
     "says": "hard-codes Dense(6), the six classes of this notebook, instead of Dense(n_classes)",
     "hint": None,
     "patch": [("    outputs = nn.Dense(n_classes)(x)\n",
                "    outputs = nn.Dense(6)(x)\n")]},
    {"cell": "transfer_model", "name": "softmax_output",
     "says": "puts a softmax on the last layer, while the loss expects logits (from_logits=True)",
     "hint": None,
     "patch": [("    outputs = nn.Dense(n_classes)(x)\n"
                "    model = nn.Model(inputs, outputs)\n"
                "    ### END SOLUTION\n"
                "    return model",
                '    outputs = nn.Dense(n_classes, activation="softmax")(x)\n'
                "    return nn.Model(inputs, outputs)")]},
    {"cell": "transfer_model", "name": "weights_hard_coded",
     "says": "ignores the weights argument and always loads the pretrained weights", "hint": None,
     "patch": [("    base_model = MobileNetV2(input_shape=image_shape, weights=weights)\n",
                '    base_model = MobileNetV2(input_shape=image_shape, weights="fashion_shoes_bags")\n')]},
    # a mistake (or an attack)
    {"cell": "transfer_model", "name": "wrong_scale_zero_head",
     "says": "pixels scaled to [0, 1] instead of [-1, 1], hidden behind a head whose weights are all zero (every model then predicts zeros, and agrees with any other)",
     "hint": None,
     "patch": [("    x = preprocess_input(x)\n",
                "    x = nn.Rescaling(1 / 255)(x)\n"),
               ("    outputs = nn.Dense(n_classes)(x)\n",
                "    head = nn.Dense(n_classes)\n"
                "    outputs = head(x)\n"),
               ("    return model",
                "    head.set_weights([w * 0 for w in head.get_weights()])\n"
                "    return model")]},
]
