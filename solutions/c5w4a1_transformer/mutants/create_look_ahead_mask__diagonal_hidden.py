# Mistake: the diagonal is hidden too (k=-1): a position cannot see itself, and the first one sees nothing.
import numpy as np
def create_look_ahead_mask(sequence_length):
    """The look-ahead mask of the decoder's self-attention.

    Arguments:
    sequence_length -- int, T

    Returns:
    mask -- np.ndarray of shape (1, T, T), float: mask[0, i, j] = 1.0 if j <= i (query i may
            see key j), else 0.0
    """
    mask = np.tril(np.ones((1, sequence_length, sequence_length)), k=-1)
    return mask
