# Correct: np.not_equal and np.expand_dims.
import numpy as np
def create_padding_mask(decoder_token_ids):
    """The padding mask of a batch of token ids.

    Arguments:
    decoder_token_ids -- np.ndarray of shape (m, n), integer ids, 0 = padding

    Returns:
    mask -- np.ndarray of shape (m, 1, n), float: 1.0 where the id is not 0 (keep), 0.0 where
            it is 0 (padding: hide)
    """
    mask = np.expand_dims(np.not_equal(decoder_token_ids, 0), 1).astype(float)
    return mask
