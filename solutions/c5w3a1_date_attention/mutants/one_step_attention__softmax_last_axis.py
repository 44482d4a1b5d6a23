# Mistake: the softmax runs over the last axis (of size 1), so every attention weight is 1 and the context is the sum of the a's.
repeator = nn.RepeatVector(Tx)
concatenator = nn.Concatenate(axis=-1)
densor1 = nn.Dense(10, activation="tanh")
densor2 = nn.Dense(1, activation="relu")
activator = nn.Softmax(name="attention_weights")
dotor = nn.Dot(axes=1)


def one_step_attention(a, s_prev):
    s_prev = repeator(s_prev)
    concat = concatenator([a, s_prev])
    e = densor1(concat)
    energies = densor2(e)
    alphas = activator(energies)
    context = dotor([alphas, a])
    return context
