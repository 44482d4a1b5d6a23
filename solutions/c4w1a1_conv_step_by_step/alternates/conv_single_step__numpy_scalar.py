# Correct: Z as a NumPy float32 scalar (a number).
def conv_single_step(a_slice_prev, W, b):
    return np.float32(np.sum(a_slice_prev * W) + b.item())
