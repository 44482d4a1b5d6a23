# Mistake: one example per row (m, C), the Keras layout, instead of one per column (C, m).
def one_hot_matrix(label, C=6):
    label = np.asarray(label).reshape(-1)
    one_hot = np.eye(C, dtype=np.float32)[label]
    return one_hot
