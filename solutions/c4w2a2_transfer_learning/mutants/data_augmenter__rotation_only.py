# Mistake: forgot the random flip (only the rotation).
def data_augmenter():
    data_augmentation = nn.Sequential([nn.RandomRotation(0.05)])
    return data_augmentation
