# Correct: the LSTM's outputs indexed instead of unpacked, keyword arguments, a list comprehension of the steps' inputs.
def djmodel(Tx, LSTM_cell, densor, reshaper):
    n_values = densor.units
    n_a = LSTM_cell.units
    X = nn.Input(shape=(Tx, n_values))
    a0 = nn.Input(shape=(n_a,), name="a0")
    c0 = nn.Input(shape=(n_a,), name="c0")
    steps = [reshaper(nn.TimeStep(index=t)(X)) for t in range(Tx)]
    states = [a0, c0]
    outputs = []
    for x in steps:
        result = LSTM_cell(x, initial_state=states)
        states = [result[1], result[2]]
        outputs.append(densor(states[0]))
    return nn.Model(inputs=[X, a0, c0], outputs=outputs)
