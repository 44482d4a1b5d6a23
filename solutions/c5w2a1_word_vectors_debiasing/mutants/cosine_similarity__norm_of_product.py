# Mistake: divided by the norm of the elementwise product instead of the product of the norms.
def cosine_similarity(u, v):
    return np.dot(u, v) / np.linalg.norm(u * v)
