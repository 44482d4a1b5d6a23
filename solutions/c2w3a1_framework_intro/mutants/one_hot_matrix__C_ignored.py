# Mistake: hard-codes the 6 classes of this data set instead of using C.
def one_hot_matrix(label, C=6):
    label = np.asarray(label).reshape(-1)
    one_hot = np.eye(6, dtype=np.float32)[:, label]
    return one_hot
