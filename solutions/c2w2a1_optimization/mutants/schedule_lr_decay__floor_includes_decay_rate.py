# Mistake: took the floor of decay_rate * epoch_num / time_interval instead of epoch_num / time_interval.
def schedule_lr_decay(learning_rate0, epoch_num, decay_rate, time_interval=1000):
    learning_rate = learning_rate0 / (1 + np.floor(decay_rate * epoch_num / time_interval))
    return learning_rate
