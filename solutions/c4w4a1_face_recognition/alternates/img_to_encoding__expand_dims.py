# Correct: np.expand_dims, and predict with an explicit batch size.
def img_to_encoding(image, model):
    batch = np.expand_dims(image, axis=0)
    return model.predict(batch, batch_size=1)
