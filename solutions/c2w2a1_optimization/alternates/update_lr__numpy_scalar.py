# Correct: the learning rate as a NumPy float64 scalar (a number).
def update_lr(learning_rate0, epoch_num, decay_rate):
    return np.float64(learning_rate0) / (1 + decay_rate * epoch_num)
