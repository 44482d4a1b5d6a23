# Correct: einsum and np.where for the mask.
import numpy as np
def scaled_dot_product_attention(q, k, v, mask):
    logits = np.einsum("...qd,...kd->...qk", q, k) / np.sqrt(q.shape[-1])
    if mask is not None:
        logits = np.where(np.asarray(mask) > 0, logits, -1e9)
    weights = np.exp(logits - logits.max(axis=-1, keepdims=True))
    weights = weights / weights.sum(axis=-1, keepdims=True)
    return np.einsum("...qk,...kv->...qv", weights, v), weights
