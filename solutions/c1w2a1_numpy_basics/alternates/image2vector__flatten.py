def image2vector(image):
    return image.flatten()[:, np.newaxis]
