"""Known mistakes in c5w3a1_date_attention: read by autograder/mistakes.py (see CONTRIBUTING.md, "Mistakes").

Plain data, never executed.  Each patch is a list of (old, new) replacements applied in order to
the solution cell's source; the self-test proves that every mistake loses points.
"""

MISTAKES = [
    {"cell": "modelf", "name": "lstm_inside_loop",
     "says": "the post-attention LSTM and the output layer are made inside the loop, so each of the Ty steps has its own weights instead of sharing one set",
     "hint": None,
     "patch": [("post_activation_LSTM_cell = nn.LSTM(n_s, return_state=True)\n"
                'output_layer = nn.Dense(len(machine_vocab), activation="softmax")\n',
                ""),
               ("        _, s, c = post_activation_LSTM_cell(context, initial_state=[s, c])\n"
                "        out = output_layer(s)\n"
                "        outputs.append(out)\n"
                "    model = nn.Model(inputs=[X, s0, c0], outputs=outputs)\n"
                "    ### END SOLUTION\n"
                "    return model",
                "        _, s, c = nn.LSTM(n_s, return_state=True)(context, initial_state=[s, c])\n"
                '        outputs.append(nn.Dense(machine_vocab_size, activation="softmax")(s))\n'
                "    return nn.Model(inputs=[X, s0, c0], outputs=outputs)")]},
    {"cell": "modelf", "name": "no_initial_state",
     "says": "the post-attention LSTM is called without initial_state=[s, c], so every step starts again from zeros instead of from the previous step's states",
     "hint": None,
     "patch": [("        _, s, c = post_activation_LSTM_cell(context, initial_state=[s, c])\n"
                "        out = output_layer(s)\n"
                "        outputs.append(out)\n"
                "    model = nn.Model(inputs=[X, s0, c0], outputs=outputs)\n"
                "    ### END SOLUTION\n"
                "    return model",
                "        _, s, c = post_activation_LSTM_cell(context)\n"
                "        outputs.append(output_layer(s))\n"
                "    return nn.Model(inputs=[X, s0, c0], outputs=outputs)")]},
    {"cell": "modelf", "name": "output_without_softmax",
     "says": "the output layer has no softmax, so the outputs are scores, not probabilities of the 11 characters",
     "hint": None,
     "patch": [('output_layer = nn.Dense(len(machine_vocab), activation="softmax")\n',
                "output_layer = nn.Dense(len(machine_vocab))\n"),
               ("        out = output_layer(s)\n"
                "        outputs.append(out)\n"
                "    model = nn.Model(inputs=[X, s0, c0], outputs=outputs)\n"
                "    ### END SOLUTION\n"
                "    return model",
                "        outputs.append(output_layer(s))\n"
                "    return nn.Model(inputs=[X, s0, c0], outputs=outputs)")]},
    {"cell": "modelf", "name": "state_not_updated",
     "says": "the new states are not passed on: every step attends and starts from s0 and c0 instead of the previous step's s and c",
     "hint": None,
     "patch": [("    s = s0\n"
                "    c = c0\n",
                ""),
               ("        context = one_step_attention(a, s)\n"
                "        _, s, c = post_activation_LSTM_cell(context, initial_state=[s, c])\n"
                "        out = output_layer(s)\n"
                "        outputs.append(out)\n"
                "    model = nn.Model(inputs=[X, s0, c0], outputs=outputs)\n"
                "    ### END SOLUTION\n"
                "    return model",
                "        context = one_step_attention(a, s0)\n"
                "        _, s, c = post_activation_LSTM_cell(context, initial_state=[s0, c0])\n"
                "        outputs.append(output_layer(s))\n"
                "    return nn.Model(inputs=[X, s0, c0], outputs=outputs)")]},
    {"cell": "one_step_attention", "name": "activations_swapped",
     "says": "the two Dense layers' activations are swapped (ReLU on the 10 hidden units, tanh on the energies)",
     "hint": None,
     "patch": [('densor1 = nn.Dense(10, activation="tanh")\n'
                'densor2 = nn.Dense(1, activation="relu")\n',
                'densor1 = nn.Dense(10, activation="relu")\n'
                'densor2 = nn.Dense(1, activation="tanh")\n')]},
    {"cell": "one_step_attention", "name": "concatenation_order",
     "says": "the concatenation puts s_prev before a ([s_prev, a] instead of [a, s_prev])",
     "hint": None,
     "patch": [("    concat = concatenator([a, s_prev])\n",
                "    concat = concatenator([s_prev, a])\n")]},
    {"cell": "one_step_attention", "name": "layers_inside_step",
     "says": "the layers are made inside one_step_attention, so every output step gets its own weights instead of sharing one set",
     "hint": None,
     "patch": [("repeator = nn.RepeatVector(Tx)\n"
                "concatenator = nn.Concatenate(axis=-1)\n"
                'densor1 = nn.Dense(10, activation="tanh")\n'
                'densor2 = nn.Dense(1, activation="relu")\n'
                'activator = nn.Softmax(axis=1, name="attention_weights")\n'
                "dotor = nn.Dot(axes=1)\n",
                ""),
               ("    s_prev = repeator(s_prev)\n"
                "    concat = concatenator([a, s_prev])\n"
                "    e = densor1(concat)\n"
                "    energies = densor2(e)\n"
                "    alphas = activator(energies)\n"
                "    context = dotor([alphas, a])\n",
                "    s_prev = nn.RepeatVector(Tx)(s_prev)\n"
                "    concat = nn.Concatenate(axis=-1)([a, s_prev])\n"
                '    e = nn.Dense(10, activation="tanh")(concat)\n'
                '    energies = nn.Dense(1, activation="relu")(e)\n'
                "    alphas = nn.Softmax(axis=1, name=None)(energies)\n"
                "    context = nn.Dot(axes=1)([alphas, a])\n")]},
    {"cell": "one_step_attention", "name": "softmax_last_axis",
     "says": "the softmax runs over the last axis (of size 1), so every attention weight is 1 and the context is the sum of the a's",
     "hint": None,
     "patch": [('activator = nn.Softmax(axis=1, name="attention_weights")\n',
                'activator = nn.Softmax(name="attention_weights")\n')]},
    {"cell": "one_step_attention", "name": "weights_applied_to_state",
     "says": "the attention weights average the repeated state s_prev instead of the activations a",
     "hint": None,
     "patch": [("    context = dotor([alphas, a])\n",
                "    context = dotor([alphas, s_prev])\n")]},
]
