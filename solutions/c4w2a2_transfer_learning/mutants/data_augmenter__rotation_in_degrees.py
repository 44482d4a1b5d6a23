# Mistake: gives the rotation range in degrees (72) instead of a fraction of a turn (0.2).
def data_augmenter():
    data_augmentation = nn.Sequential([nn.RandomFlip("horizontal"), nn.RandomRotation(72)])
    return data_augmentation
