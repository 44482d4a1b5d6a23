# Mistake: the post-attention LSTM is called without initial_state=[s, c], so every step starts again from zeros instead of from the previous step's states.
n_a = 32
n_s = 64
post_activation_LSTM_cell = nn.LSTM(n_s, return_state=True)
output_layer = nn.Dense(len(machine_vocab), activation="softmax")


def modelf(Tx, Ty, n_a, n_s, human_vocab_size, machine_vocab_size):
    X = nn.Input(shape=(Tx, human_vocab_size))
    s0 = nn.Input(shape=(n_s,), name="s0")
    c0 = nn.Input(shape=(n_s,), name="c0")
    s = s0
    c = c0
    outputs = []
    a = nn.Bidirectional(nn.LSTM(n_a, return_sequences=True))(X)
    for t in range(Ty):
        context = one_step_attention(a, s)
        _, s, c = post_activation_LSTM_cell(context)
        outputs.append(output_layer(s))
    return nn.Model(inputs=[X, s0, c0], outputs=outputs)
