# Mistake: indexes with the labels as given, so a (1, m) row of labels gives a (C, 1, m) array.
def one_hot_matrix(label, C=6):
    one_hot = np.eye(C, dtype=np.float32)[:, label]
    return one_hot
