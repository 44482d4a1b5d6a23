# Mistake: flattens the labels with np.squeeze, which turns a single label into a 0-d array,
# so one example (m = 1) gives shape (C,) instead of (C, 1).
def one_hot_matrix(label, C=6):
    label = np.squeeze(np.asarray(label))
    one_hot = np.eye(C, dtype=np.float32)[:, label]
    return one_hot
