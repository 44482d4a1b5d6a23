# Correct, written differently: the Glorot limit computed by hand, drawn from the framework's
# generator (which is what GlorotUniform does), in a loop over the layers.
def initialize_parameters():
    nn.set_seed(1)
    init = nn.initializers.GlorotUniform()
    sizes = [12288, 25, 12, 6]
    parameters = {}
    for l in range(1, 4):
        limit = np.sqrt(6 / (sizes[l - 1] + sizes[l]))
        parameters[f"W{l}"] = nn.rng().uniform(-limit, limit, (sizes[l], sizes[l - 1])).astype(
            np.float32)
        parameters[f"b{l}"] = np.zeros((sizes[l], 1), np.float32)
    return parameters
