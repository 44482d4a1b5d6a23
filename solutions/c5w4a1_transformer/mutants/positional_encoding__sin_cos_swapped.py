# Mistake: the cosine goes to the even features and the sine to the odd ones.
import numpy as np
def positional_encoding(positions, d):
    """The sinusoidal positional encodings.

    Arguments:
    positions -- int, the number of positions P
    d -- int, the size of each encoding

    Returns:
    pos_encoding -- np.ndarray of shape (1, P, d), float32: sin of the angles in the even
                    features (0, 2, ...), cos in the odd ones (1, 3, ...)
    """
    angle_rads = get_angles(np.arange(positions)[:, np.newaxis],
                            np.arange(d)[np.newaxis, :], d)
    angle_rads[:, 0::2] = np.cos(angle_rads[:, 0::2])
    angle_rads[:, 1::2] = np.sin(angle_rads[:, 1::2])
    pos_encoding = angle_rads[np.newaxis, ...]
    return pos_encoding.astype(np.float32)
