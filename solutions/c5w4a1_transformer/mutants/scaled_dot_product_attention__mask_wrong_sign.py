# Mistake: the mask is added as mask * -1e9 (1 = hide), which hides the keys that should be kept.
import numpy as np
def scaled_dot_product_attention(q, k, v, mask):
    """Scaled dot-product attention.

    Arguments:
    q -- queries, np.ndarray of shape (..., Tq, d_k)
    k -- keys, np.ndarray of shape (..., Tk, d_k)
    v -- values, np.ndarray of shape (..., Tk, d_v)
    mask -- None, or np.ndarray broadcastable to (..., Tq, Tk): 1 = may attend (keep),
            0 = may not (hide)

    Returns:
    output -- np.ndarray of shape (..., Tq, d_v)
    attention_weights -- np.ndarray of shape (..., Tq, Tk); each row sums to 1
    """
    matmul_qk = np.matmul(q, np.swapaxes(k, -1, -2))
    dk = k.shape[-1]
    scaled_attention_logits = matmul_qk / np.sqrt(dk)
    if mask is not None:
        scaled_attention_logits = scaled_attention_logits + mask * -1e9
    shifted = scaled_attention_logits - np.max(scaled_attention_logits, axis=-1, keepdims=True)
    e = np.exp(shifted)
    attention_weights = e / np.sum(e, axis=-1, keepdims=True)
    output = np.matmul(attention_weights, v)
    return output, attention_weights
