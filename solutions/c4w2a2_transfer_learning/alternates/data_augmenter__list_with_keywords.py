# The layers given as a list, with keyword arguments.
def data_augmenter():
    return nn.Sequential([nn.RandomFlip(mode="horizontal"), nn.RandomRotation(factor=0.05)])
