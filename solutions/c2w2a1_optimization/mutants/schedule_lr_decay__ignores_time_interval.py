# Mistake: hard-coded the interval of 1000 epochs instead of using the time_interval argument.
def schedule_lr_decay(learning_rate0, epoch_num, decay_rate, time_interval=1000):
    learning_rate = learning_rate0 / (1 + decay_rate * np.floor(epoch_num / 1000))
    return learning_rate
