# Mistake: returned the dot product without dividing by the norms.
def cosine_similarity(u, v):
    return np.dot(u, v)
