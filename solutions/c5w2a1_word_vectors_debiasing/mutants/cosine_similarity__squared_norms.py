# Mistake: divided by the squared norms (forgot the square roots).
def cosine_similarity(u, v):
    dot = np.dot(u, v)
    norm_u = np.sum(u * u)
    norm_v = np.sum(v * v)
    return dot / (norm_u * norm_v)
