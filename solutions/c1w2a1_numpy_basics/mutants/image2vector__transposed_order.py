# Mistake: transposes before reshaping, so the entries come out in another order.
def image2vector(image):
    return image.T.reshape(-1, 1)
