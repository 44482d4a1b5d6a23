# Mistake: returns a flat (n,) vector instead of a column (n, 1).
def image2vector(image):
    return image.reshape(-1)
