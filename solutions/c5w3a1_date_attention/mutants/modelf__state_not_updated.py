# Mistake: the new states are not passed on: every step attends and starts from s0 and c0 instead of the previous step's s and c.
n_a = 32
n_s = 64
post_activation_LSTM_cell = nn.LSTM(n_s, return_state=True)
output_layer = nn.Dense(len(machine_vocab), activation="softmax")


def modelf(Tx, Ty, n_a, n_s, human_vocab_size, machine_vocab_size):
    X = nn.Input(shape=(Tx, human_vocab_size))
    s0 = nn.Input(shape=(n_s,), name="s0")
    c0 = nn.Input(shape=(n_s,), name="c0")
    outputs = []
    a = nn.Bidirectional(nn.LSTM(n_a, return_sequences=True))(X)
    for t in range(Ty):
        context = one_step_attention(a, s0)
        _, s, c = post_activation_LSTM_cell(context, initial_state=[s0, c0])
        outputs.append(output_layer(s))
    return nn.Model(inputs=[X, s0, c0], outputs=outputs)
