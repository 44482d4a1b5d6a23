# Mistake: the exponent is i / d instead of 2i / d.
import numpy as np
def get_angles(pos, k, d):
    """The angles of the positional encoding.

    Arguments:
    pos -- np.ndarray of shape (P, 1): the positions 0, 1, ..., P - 1 (a column)
    k -- np.ndarray of shape (1, d): the feature indices 0, 1, ..., d - 1 (a row)
    d -- int, the size of the encoding

    Returns:
    angles -- np.ndarray of shape (P, d): angles[p, k] = pos[p] / 10000^(2 * (k // 2) / d)
    """
    i = k // 2
    angles = pos / np.power(10000, i / np.float32(d))
    return angles
