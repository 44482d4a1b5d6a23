# Mistake: divided by ||u|| twice (copy-paste slip: norm_v computed from u).
def cosine_similarity(u, v):
    dot = np.dot(u, v)
    norm_u = np.sqrt(np.sum(u * u))
    norm_v = np.sqrt(np.sum(u * u))
    return dot / (norm_u * norm_v)
