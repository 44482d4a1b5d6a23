# Correct, written differently: a loop over the examples, zeros then one 1 per column.
def one_hot_matrix(label, C=6):
    flat = np.ravel(label)
    one_hot = np.zeros((C, len(flat)))
    for i, y in enumerate(flat):
        one_hot[int(y), i] = 1.0
    return one_hot
