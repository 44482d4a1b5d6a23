# Correct, written differently: the @ operator and np.linalg.norm, returned as a Python float.
def cosine_similarity(u, v):
    return float((u @ v) / np.linalg.norm(u) / np.linalg.norm(v))
