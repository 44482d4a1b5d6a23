# Mistake: the upper triangle is kept (np.triu): every position sees the future and not the past.
import numpy as np
def create_look_ahead_mask(sequence_length):
    """The look-ahead mask of the decoder's self-attention.

    Arguments:
    sequence_length -- int, T

    Returns:
    mask -- np.ndarray of shape (1, T, T), float: mask[0, i, j] = 1.0 if j <= i (query i may
            see key j), else 0.0
    """
    mask = np.triu(np.ones((1, sequence_length, sequence_length)))
    return mask
