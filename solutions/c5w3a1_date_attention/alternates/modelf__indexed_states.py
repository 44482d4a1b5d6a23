# Correct: keyword arguments, merge_mode given explicitly, the LSTM's outputs indexed instead of unpacked.
n_a = 32
n_s = 64
post_activation_LSTM_cell = nn.LSTM(units=n_s, return_state=True)
output_layer = nn.Dense(units=len(machine_vocab), activation="softmax")


def modelf(Tx, Ty, n_a, n_s, human_vocab_size, machine_vocab_size):
    X = nn.Input(shape=(Tx, human_vocab_size))
    s0 = nn.Input(shape=(n_s,), name="s0")
    c0 = nn.Input(shape=(n_s,), name="c0")
    encoder = nn.Bidirectional(nn.LSTM(units=n_a, return_sequences=True), merge_mode="concat")
    a = encoder(X)
    states = [s0, c0]
    outputs = []
    for _ in range(Ty):
        result = post_activation_LSTM_cell(one_step_attention(a, states[0]), initial_state=states)
        states = [result[1], result[2]]
        outputs.append(output_layer(states[0]))
    return nn.Model([X, s0, c0], outputs)
