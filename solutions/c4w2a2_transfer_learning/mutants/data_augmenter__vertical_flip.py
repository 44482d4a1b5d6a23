# Mistake: flips upside down instead of left-right.
def data_augmenter():
    data_augmentation = nn.Sequential([nn.RandomFlip("vertical"), nn.RandomRotation(0.05)])
    return data_augmentation
