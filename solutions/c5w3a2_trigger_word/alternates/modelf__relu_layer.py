# Correct: nn.ReLU() for Activation("relu"), positional arguments, a loop over the two GRU blocks.
def modelf(input_shape):
    X_input = nn.Input(input_shape)
    X = nn.Conv1D(64, 15, strides=4)(X_input)
    X = nn.ReLU()(nn.BatchNormalization()(X))
    X = nn.Dropout(0.2)(X)
    for _ in range(2):
        X = nn.GRU(64, return_sequences=True)(X)
        X = nn.BatchNormalization()(nn.Dropout(0.2)(X))
    X = nn.Dropout(0.2)(X)
    return nn.Model(X_input, nn.TimeDistributed(nn.Dense(1, activation="sigmoid"))(X))
