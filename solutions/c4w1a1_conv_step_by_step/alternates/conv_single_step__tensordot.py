# Correct, written differently: tensordot over all three axes, bias by indexing.
import numpy as np
def conv_single_step(a_slice_prev, W, b):
    Z = float(np.tensordot(a_slice_prev, W, axes=3)) + float(b[0, 0, 0])
    return Z
