"""Known mistakes in c4w2a1_resnets: read by autograder/mistakes.py (see CONTRIBUTING.md, "Mistakes").

Plain data, never executed.  Each patch is a list of (old, new) replacements applied in order to
the solution cell's source; the self-test proves that every mistake loses points.
"""

MISTAKES = [
    {"cell": "ResNetSmall", "name": "global_pooling_head",
     "says": "GlobalAveragePooling2D instead of AveragePooling2D((2, 2)) + Flatten (another architecture, with fewer parameters in the Dense layer)",
     "hint": None,
     "patch": [("    X = nn.AveragePooling2D((2, 2))(X)\n"
                "    X = nn.Flatten()(X)\n",
                "    X = nn.GlobalAveragePooling2D()(X)\n")]},
    {"cell": "ResNetSmall", "name": "one_identity_block_per_stage",
     "says": "each stage has one identity block after its convolutional block instead of three (a 20-layer network)",
     "hint": None,
     "patch": [("        for _ in range(3):\n"
                "            X = identity_block(X, 3, [F1, F1, F3])\n",
                "        X = identity_block(X, 3, [F1, F1, F3])\n")]},
    {"cell": "ResNetSmall", "name": "no_softmax",
     "says": "the Dense layer has no softmax activation (it outputs logits)", "hint": None,
     "patch": [('    X = nn.Dense(classes, activation="softmax", kernel_initializer=init)(X)\n',
                "    X = nn.Dense(classes, kernel_initializer=init)(X)\n")]},
    {"cell": "ResNetSmall", "name": "default_stride_everywhere",
     "says": "calls every convolutional block without s=..., so stage 2 also gets the default stride 2 and the stages see 8x8, 4x4 and 2x2 maps instead of 16x16, 8x8 and 4x4",
     "hint": None,
     "patch": [("        X = convolutional_block(X, f=3, filters=[F1, F1, F3], s=s)\n",
                "        X = convolutional_block(X, f=3, filters=[F1, F1, F3])\n")]},
    {"cell": "ResNetSmall", "name": "identity_blocks_first",
     "says": "puts the identity blocks of each stage before its convolutional block, where the input does not yet have the F3 channels the shortcut needs",
     "hint": None,
     "patch": [("        X = convolutional_block(X, f=3, filters=[F1, F1, F3], s=s)\n"
                "        for _ in range(3):\n"
                "            X = identity_block(X, 3, [F1, F1, F3])\n",
                "        for _ in range(3):\n"
                "            X = identity_block(X, 3, [F1, F1, F3])\n"
                "        X = convolutional_block(X, f=3, filters=[F1, F1, F3], s=s)\n")]},
    {"cell": "ResNetSmall", "name": "training_true",
     "says": "calls the blocks with training=True (as in some Keras code), which pins batch normalisation to the batch's statistics, also in predict",
     "hint": None,
     "patch": [("        X = convolutional_block(X, f=3, filters=[F1, F1, F3], s=s)\n"
                "        for _ in range(3):\n"
                "            X = identity_block(X, 3, [F1, F1, F3])\n",
                "        X = convolutional_block(X, f=3, filters=[F1, F1, F3], s=s, training=True)\n"
                "        for _ in range(3):\n"
                "            X = identity_block(X, 3, [F1, F1, F3], training=True)\n")]},
    {"cell": "convolutional_block", "name": "no_relu_after_add",
     "says": "forgets the ReLU after adding the shortcut", "hint": None,
     "patch": [("    X = nn.Add()([X, X_shortcut])\n"
                '    X = nn.Activation("relu")(X)\n',
                "    X = nn.Add()([X, X_shortcut])\n")]},
    {"cell": "convolutional_block", "name": "relu_on_shortcut",
     "says": "puts a ReLU on the projected shortcut before the Add", "hint": None,
     "patch": [("    X = nn.Add()([X, X_shortcut])\n",
                '    X_shortcut = nn.Activation("relu")(X_shortcut)\n'
                "    X = nn.Add()([X, X_shortcut])\n")]},
    {"cell": "convolutional_block", "name": "shortcut_bn_training_missing",
     "says": "the shortcut's batch normalisation is called without training=training", "hint": None,
     "patch": [("    X_shortcut = nn.BatchNormalization(axis=3)(X_shortcut, training=training)\n",
                "    X_shortcut = nn.BatchNormalization(axis=3)(X_shortcut)\n")]},
    {"cell": "convolutional_block", "name": "shortcut_not_projected",
     "says": "adds the input X unchanged, as in the identity block (no projection)", "hint": None,
     "patch": [('    X_shortcut = nn.Conv2D(F3, kernel_size=1, strides=s, padding="valid",\n'
                "                           kernel_initializer=initializer)(X_shortcut)\n"
                "    X_shortcut = nn.BatchNormalization(axis=3)(X_shortcut, training=training)\n",
                "")]},
    {"cell": "convolutional_block", "name": "shortcut_stride_1",
     "says": "the shortcut's convolution keeps stride 1: its output is larger than the main path's when s > 1",
     "hint": None,
     "patch": [('    X_shortcut = nn.Conv2D(F3, kernel_size=1, strides=s, padding="valid",\n',
                '    X_shortcut = nn.Conv2D(F3, kernel_size=1, strides=1, padding="valid",\n')]},
    {"cell": "convolutional_block", "name": "shortcut_without_bn",
     "says": "no batch normalisation on the shortcut's convolution", "hint": None,
     "patch": [("    X_shortcut = nn.BatchNormalization(axis=3)(X_shortcut, training=training)\n",
                "")]},
    {"cell": "convolutional_block", "name": "stride_on_middle_conv",
     "says": "puts the stride s on the f x f convolution instead of the first 1x1 one (same output shape, different values)",
     "hint": None,
     "patch": [('    X = nn.Conv2D(F1, kernel_size=1, strides=s, padding="valid",\n',
                '    X = nn.Conv2D(F1, kernel_size=1, strides=1, padding="valid",\n'),
               ('    X = nn.Conv2D(F2, kernel_size=f, strides=1, padding="same",\n',
                '    X = nn.Conv2D(F2, kernel_size=f, strides=s, padding="same",\n')]},
    {"cell": "identity_block", "name": "bn_axis_1",
     "says": "normalises axis 1 (the rows of the image) instead of the channels (axis 3) in the second and third batch normalisations",
     "hint": None,
     "patch": [('    X = nn.Conv2D(F2, kernel_size=f, strides=1, padding="same",\n'
                "                  kernel_initializer=initializer)(X)\n"
                "    X = nn.BatchNormalization(axis=3)(X, training=training)\n"
                '    X = nn.Activation("relu")(X)\n',
                '    X = nn.Conv2D(F2, kernel_size=f, strides=1, padding="same",\n'
                "                  kernel_initializer=initializer)(X)\n"
                "    X = nn.BatchNormalization(axis=1)(X, training=training)\n"
                '    X = nn.Activation("relu")(X)\n'),
               ("                  kernel_initializer=initializer)(X)\n"
                "    X = nn.BatchNormalization(axis=3)(X, training=training)\n"
                "\n",
                "                  kernel_initializer=initializer)(X)\n"
                "    X = nn.BatchNormalization(axis=1)(X, training=training)\n"
                "\n")]},
    {"cell": "identity_block", "name": "default_initializer",
     "says": "ignores the initializer argument (Conv2D's own unseeded default)", "hint": None,
     "patch": [('    X = nn.Conv2D(F2, kernel_size=f, strides=1, padding="same",\n'
                "                  kernel_initializer=initializer)(X)\n",
                '    X = nn.Conv2D(F2, kernel_size=f, strides=1, padding="same")(X)\n')]},
    {"cell": "identity_block", "name": "middle_kernel_1x1",
     "says": "the middle convolution gets a 1x1 kernel instead of f x f", "hint": None,
     "patch": [('    X = nn.Conv2D(F2, kernel_size=f, strides=1, padding="same",\n',
                '    X = nn.Conv2D(F2, kernel_size=1, strides=1, padding="same",\n')]},
    {"cell": "identity_block", "name": "no_relu_after_add",
     "says": "forgets the ReLU after adding the shortcut", "hint": None,
     "patch": [("    X = nn.Add()([X, X_shortcut])\n"
                '    X = nn.Activation("relu")(X)\n',
                "    X = nn.Add()([X, X_shortcut])\n")]},
    {"cell": "identity_block", "name": "no_shortcut",
     "says": "never adds the input back: the block is ReLU(main path), a plain block", "hint": None,
     "patch": [("    X = nn.Add()([X, X_shortcut])\n",
                "")]},
    {"cell": "identity_block", "name": "relu_before_add",
     "says": "puts a ReLU after the third batch normalisation as well (before the Add)", "hint": None,
     "patch": [("    X = nn.Add()([X, X_shortcut])\n",
                '    X = nn.Activation("relu")(X)\n'
                "    X = nn.Add()([X, X_shortcut])\n")]},
    {"cell": "identity_block", "name": "shortcut_after_relu",
     "says": "adds the shortcut after the last ReLU (ReLU(main) + X) instead of before it",
     "hint": None,
     "patch": [("    X = nn.Add()([X, X_shortcut])\n",
                '    X = nn.Activation("relu")(X)\n'
                "    X = nn.Add()([X, X_shortcut])\n"),
               ("    X = nn.Add()([X, X_shortcut])\n"
                '    X = nn.Activation("relu")(X)\n',
                "    X = nn.Add()([X, X_shortcut])\n")]},
    {"cell": "identity_block", "name": "training_not_passed",
     "says": "calls the second and third BatchNormalization without training=training, so they always follow the enclosing mode (inference when the block is called directly)",
     "hint": None,
     "patch": [('    X = nn.Conv2D(F2, kernel_size=f, strides=1, padding="same",\n'
                "                  kernel_initializer=initializer)(X)\n"
                "    X = nn.BatchNormalization(axis=3)(X, training=training)\n"
                '    X = nn.Activation("relu")(X)\n',
                '    X = nn.Conv2D(F2, kernel_size=f, strides=1, padding="same",\n'
                "                  kernel_initializer=initializer)(X)\n"
                "    X = nn.BatchNormalization(axis=3)(X)\n"
                '    X = nn.Activation("relu")(X)\n'),
               ("                  kernel_initializer=initializer)(X)\n"
                "    X = nn.BatchNormalization(axis=3)(X, training=training)\n"
                "\n",
                "                  kernel_initializer=initializer)(X)\n"
                "    X = nn.BatchNormalization(axis=3)(X)\n"
                "\n")]},
    {"cell": "identity_block", "name": "valid_padding_middle",
     "says": "padding 'valid' on the f x f convolution: the main path shrinks and no longer fits the shortcut (when f > 1)",
     "hint": None,
     "patch": [('    X = nn.Conv2D(F2, kernel_size=f, strides=1, padding="same",\n',
                '    X = nn.Conv2D(F2, kernel_size=f, strides=1, padding="valid",\n')]},
]
