# Mistake: the two Dense layers' activations are swapped (ReLU on the 10 hidden units, tanh on the energies).
repeator = nn.RepeatVector(Tx)
concatenator = nn.Concatenate(axis=-1)
densor1 = nn.Dense(10, activation="relu")
densor2 = nn.Dense(1, activation="tanh")
activator = nn.Softmax(axis=1, name="attention_weights")
dotor = nn.Dot(axes=1)


def one_step_attention(a, s_prev):
    s_prev = repeator(s_prev)
    concat = concatenator([a, s_prev])
    e = densor1(concat)
    energies = densor2(e)
    alphas = activator(energies)
    context = dotor([alphas, a])
    return context
