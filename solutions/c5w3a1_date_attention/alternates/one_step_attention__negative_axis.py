# Correct: the softmax axis counted from the end (axis=-2 of (m, Tx, 1)), Dot axes as a pair, the calls nested.
repeator = nn.RepeatVector(Tx)
concatenator = nn.Concatenate()
densor1 = nn.Dense(units=10, activation="tanh")
densor2 = nn.Dense(units=1, activation="relu")
activator = nn.Softmax(axis=-2, name="attention_weights")
dotor = nn.Dot(axes=(1, 1))


def one_step_attention(a, s_prev):
    alphas = activator(densor2(densor1(concatenator([a, repeator(s_prev)]))))
    return dotor([alphas, a])
