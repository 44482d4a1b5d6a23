# Correct, written differently: math.floor, and the drops counted in a named variable.
def schedule_lr_decay(learning_rate0, epoch_num, decay_rate, time_interval=1000):
    drops = math.floor(epoch_num / time_interval)
    return learning_rate0 / (1.0 + decay_rate * drops)
