# Correct: returns NumPy scalars (np.float32 distance, np.bool_ decision), computed with sqrt.
def verify(image, identity, database, model):
    encoding = img_to_encoding(image, model)
    dist = np.sqrt(np.sum(np.square(encoding - database[identity]))).astype(np.float32)
    door_open = np.bool_(dist < THRESHOLD)
    if door_open:
        print(f"It's {identity}, welcome in!")
    else:
        print(f"It's not {identity}, please go away")
    return dist, door_open
