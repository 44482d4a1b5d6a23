# Mistake: returns a row vector (1, n).
def image2vector(image):
    return image.reshape(1, -1)
