# Mistake: takes the number of classes from the labels (label.max() + 1) instead of C, so the
# matrix has too few rows whenever the largest classes do not occur in label.
def one_hot_matrix(label, C=6):
    label = np.asarray(label).reshape(-1)
    one_hot = np.eye(label.max() + 1, dtype=np.float32)[:, label]
    return one_hot
