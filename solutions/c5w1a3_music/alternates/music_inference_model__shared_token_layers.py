# Correct: the weightless token layers are made once, before the loop, and called at every step; the LSTM's output (its new hidden state) is used instead of the returned state.
def music_inference_model(LSTM_cell, densor, Ty=100, temperature=None):
    n_values = densor.units
    n_a = LSTM_cell.units
    x0 = nn.Input(shape=(1, n_values))
    a0 = nn.Input(shape=(n_a,), name="a0")
    c0 = nn.Input(shape=(n_a,), name="c0")
    pick = nn.Argmax(axis=1) if temperature is None else nn.RandomCategorical(temperature=temperature)
    one_hot = nn.OneHot(depth=n_values)
    as_step = nn.RepeatVector(1)
    x, a, c = x0, a0, c0
    outputs = []
    for _ in range(Ty):
        h, a, c = LSTM_cell(x, initial_state=[a, c])
        chosen = one_hot(pick(densor(h)))
        outputs.append(chosen)
        x = as_step(chosen)
    return nn.Model(inputs=[x0, a0, c0], outputs=outputs)
