# Mistake: the post-attention LSTM and the output layer are made inside the loop, so each of the Ty steps has its own weights instead of sharing one set.
n_a = 32
n_s = 64


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
        _, s, c = nn.LSTM(n_s, return_state=True)(context, initial_state=[s, c])
        outputs.append(nn.Dense(machine_vocab_size, activation="softmax")(s))
    return nn.Model(inputs=[X, s0, c0], outputs=outputs)
