# Correct: compares row and column indices.
import numpy as np
def create_look_ahead_mask(sequence_length):
    """The look-ahead mask of the decoder's self-attention.

    Arguments:
    sequence_length -- int, T

    Returns:
    mask -- np.ndarray of shape (1, T, T), float: mask[0, i, j] = 1.0 if j <= i (query i may
            see key j), else 0.0
    """
    rows = np.arange(sequence_length)[:, None]
    cols = np.arange(sequence_length)[None, :]
    mask = (cols <= rows).astype(np.float64)[None]
    return mask
