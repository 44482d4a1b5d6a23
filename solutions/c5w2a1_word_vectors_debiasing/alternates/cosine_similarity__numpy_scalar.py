# Correct, returned as an explicit NumPy float64 scalar (the spec asks for a number).
def cosine_similarity(u, v):
    return np.float64(np.dot(u, v)) / np.float64(np.linalg.norm(u) * np.linalg.norm(v))
