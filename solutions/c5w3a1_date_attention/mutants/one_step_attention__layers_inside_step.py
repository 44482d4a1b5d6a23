# Mistake: the layers are made inside one_step_attention, so every output step gets its own weights instead of sharing one set.
def one_step_attention(a, s_prev):
    s_prev = nn.RepeatVector(Tx)(s_prev)
    concat = nn.Concatenate(axis=-1)([a, s_prev])
    e = nn.Dense(10, activation="tanh")(concat)
    energies = nn.Dense(1, activation="relu")(e)
    alphas = nn.Softmax(axis=1, name=None)(energies)
    context = nn.Dot(axes=1)([alphas, a])
    return context
