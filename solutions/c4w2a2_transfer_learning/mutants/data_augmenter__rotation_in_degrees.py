# Mistake: gives the rotation range in degrees (18) instead of a fraction of a turn (0.05).
def data_augmenter():
    data_augmentation = nn.Sequential([nn.RandomFlip("horizontal"), nn.RandomRotation(18)])
    return data_augmentation
