# Correct: all distances at once, np.argmin, NumPy scalars returned (np.float64, np.str_).
def who_is_it(image, database, model):
    encoding = img_to_encoding(image, model)
    names = np.array(list(database.keys()))
    dists = np.array([np.linalg.norm(encoding - database[n]) for n in names])
    k = np.argmin(dists)
    min_dist, identity = dists[k], names[k]
    if min_dist > THRESHOLD:
        print("Not in the database.")
    else:
        print("it's " + identity + ", the distance is " + str(min_dist))
    return min_dist, identity
