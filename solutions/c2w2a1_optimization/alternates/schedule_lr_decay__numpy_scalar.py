# Correct: the learning rate as a NumPy float32 scalar (a number); epoch_num // time_interval
# is the floor of the quotient.
def schedule_lr_decay(learning_rate0, epoch_num, decay_rate, time_interval=1000):
    return np.float32(learning_rate0 / (1 + decay_rate * (epoch_num // time_interval)))
