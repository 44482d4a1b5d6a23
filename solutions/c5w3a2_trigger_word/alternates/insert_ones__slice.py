# Correct: one slice instead of a loop (NumPy cuts a slice at the end of the array).
def insert_ones(y, segment_end_ms):
    Ty = y.shape[1]
    k = int(segment_end_ms * Ty / 5000)
    new_y = np.copy(y)
    new_y[:, k + 1:k + 1 + 50] = 1.0
    return new_y
