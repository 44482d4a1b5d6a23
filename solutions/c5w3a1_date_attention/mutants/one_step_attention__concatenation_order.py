# Mistake: the concatenation puts s_prev before a ([s_prev, a] instead of [a, s_prev]).
repeator = nn.RepeatVector(Tx)
concatenator = nn.Concatenate(axis=-1)
densor1 = nn.Dense(10, activation="tanh")
densor2 = nn.Dense(1, activation="relu")
activator = nn.Softmax(axis=1, name="attention_weights")
dotor = nn.Dot(axes=1)


def one_step_attention(a, s_prev):
    s_prev = repeator(s_prev)
    concat = concatenator([s_prev, a])
    e = densor1(concat)
    energies = densor2(e)
    alphas = activator(energies)
    context = dotor([alphas, a])
    return context
