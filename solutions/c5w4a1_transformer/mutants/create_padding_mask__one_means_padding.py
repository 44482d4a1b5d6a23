# Mistake: the mask holds 1 on the padding (the other convention) instead of 1 on the real tokens.
import numpy as np
def create_padding_mask(decoder_token_ids):
    """The padding mask of a batch of token ids.

    Arguments:
    decoder_token_ids -- np.ndarray of shape (m, n), integer ids, 0 = padding

    Returns:
    mask -- np.ndarray of shape (m, 1, n), float: 1.0 where the id is not 0 (keep), 0.0 where
            it is 0 (padding: hide)
    """
    seq = (decoder_token_ids == 0).astype(np.float32)
    mask = seq[:, np.newaxis, :]
    return mask
