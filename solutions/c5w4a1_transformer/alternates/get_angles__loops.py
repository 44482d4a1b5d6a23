# Correct: two loops over positions and features.
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
    angles = np.zeros((pos.shape[0], k.shape[1]))
    for p in range(pos.shape[0]):
        for j in range(k.shape[1]):
            angles[p, j] = pos[p, 0] / 10000 ** (2 * (k[0, j] // 2) / d)
    return angles
