"""Attention layers in the style of Keras: MultiHeadAttention.

    mha = MultiHeadAttention(num_heads=2, key_dim=8)
    out = mha(query, value)                                   # self-attention: mha(x, x)
    out, scores = mha(query, value, key, attention_mask=mask, return_attention_scores=True)

Shapes: query (m, Tq, n_q), value (m, Tk, n_v), key (m, Tk, n_k) (default: value);
attention_mask broadcastable to (m, Tq, Tk) (True / 1 where a query may attend to a key);
out (m, Tq, n_q); scores (m, num_heads, Tq, Tk).  The scaled dot-product attention of all heads
is one fused primitive (:func:`utils.nn.recurrent.scaled_dot_product_attention_forward`).

The mask convention, one for the whole course (framework, c5w3a1, c5w4a1):
    mask[..., i, j] == 1 (or True) -- query i MAY attend to key j (keep)
    mask[..., i, j] == 0 (or False) -- query i may NOT attend to key j (hide)
A hidden logit is replaced by -1e9 before the softmax (the same as adding (1 - mask) * -1e9 to
the scaled logits), so its weight is 0.  A padding mask is (ids != 0), a look-ahead mask is
lower-triangular ones: np.tril(np.ones((T, T))).  A (m, Tk) padding mask is given to
MultiHeadAttention as (m, 1, Tk) so that it broadcasts over the queries.
"""
from __future__ import annotations

import numpy as np

from . import initializers, ops
from . import recurrent as R
from .layers import Layer, LayerError, _shapes_str
from .tensor import Tensor, apply

__all__ = ["MultiHeadAttention", "dot_product_attention"]

# c5w4a1's students write scaled dot-product attention themselves, in a kernel that needs this
# module for its Transformer: a submission that uses these names scores 0 on that exercise's
# tests (autograder/offlimits.py).
OFF_LIMITS = {"c5w4a1_transformer": {"scaled_dot_product_attention": (
    "dot_product_attention", "_sdpa_ctx_forward", "_sdpa_packed_forward")}}


def _sdpa_ctx_forward(q, k, v, **kwargs):
    (ctx, _), cache = R.scaled_dot_product_attention_forward(q, k, v, **kwargs)
    return ctx, cache


def _sdpa_packed_forward(q, k, v, **kwargs):
    """Context and weights in one array (..., Tq, dv + Tk), so that one graph node has both."""
    (ctx, w), cache = R.scaled_dot_product_attention_forward(q, k, v, **kwargs)
    packed = np.concatenate([ctx, w.astype(ctx.dtype, copy=False)], axis=-1)
    return packed, cache + (ctx.shape[-1],)


def _sdpa_packed_backward(dout, cache):
    dv = cache[-1]
    return R.scaled_dot_product_attention_backward((dout[..., :dv], dout[..., dv:]), cache[:-1])


def _part_forward(a, index):
    return a[index], (a.shape, a.dtype, index)


def _part_backward(dout, cache):
    shape, dtype, index = cache
    grad = np.zeros(shape, dtype=dtype)
    grad[index] = dout
    return (grad,)


def dot_product_attention(q, k, v, mask=None, return_weights=False, dropout_mask=None):
    """softmax(q k^T / sqrt(d), masked) v on tensors, one graph node.

    q (..., Tq, d), k (..., Tk, d), v (..., Tk, dv); mask broadcastable to (..., Tq, Tk),
    1 / True = attend (keep), 0 / False = hidden (logit -1e9).  Returns the context (..., Tq, dv), and the weights (..., Tq, Tk) too if
    return_weights.
    """
    mask = None if mask is None else np.asarray(mask.data if isinstance(mask, Tensor) else mask)
    kwargs = dict(mask=mask, dropout_mask=dropout_mask)
    if not return_weights:
        return apply(_sdpa_ctx_forward, R.scaled_dot_product_attention_backward, q, k, v,
                     **kwargs)
    packed = apply(_sdpa_packed_forward, _sdpa_packed_backward, q, k, v, **kwargs)
    dv = v.shape[-1]
    ctx = apply(_part_forward, _part_backward, packed, index=(Ellipsis, slice(0, dv)))
    w = apply(_part_forward, _part_backward, packed, index=(Ellipsis, slice(dv, None)))
    return ctx, w


class MultiHeadAttention(Layer):
    """Multi-head attention (Vaswani et al. 2017), Keras's arguments and weights.

    Arguments:
    num_heads -- number of heads h
    key_dim -- size of each head's queries and keys
    value_dim -- size of each head's values (default key_dim)
    dropout -- dropout rate on the attention weights while training
    use_bias -- biases in the four projections
    output_shape -- size of the output's last axis (default: the query's)

    Weights (Keras's shapes): query/kernel (n_q, h, key_dim), key/kernel (n_k, h, key_dim),
    value/kernel (n_v, h, value_dim), each with a bias (h, dim); attention_output/kernel
    (h, value_dim, n_out), attention_output/bias (n_out,).

    Call: ``mha(query, value, key=None, attention_mask=None, return_attention_scores=False,
    training=False, use_causal_mask=False)``.  attention_mask: 1 / True where a query may
    attend to a key, 0 / False where it may not (the module's convention), broadcastable to
    (m, Tq, Tk); use_causal_mask ANDs it with the look-ahead mask np.tril(ones((Tq, Tk))).
    """

    _config_keys = ("num_heads", "key_dim", "value_dim", "dropout", "use_bias")

    def get_config(self) -> dict:
        """Keras's arguments (output_shape as the size of the output's last axis, or None)."""
        return {**super().get_config(), "output_shape": self.output_size}

    def __init__(self, num_heads: int, key_dim: int, value_dim: int | None = None,
                 dropout: float = 0.0, use_bias: bool = True, output_shape=None,
                 kernel_initializer="glorot_uniform", bias_initializer="zeros", seed=None,
                 **kwargs):
        super().__init__(**kwargs)
        if int(num_heads) <= 0 or int(key_dim) <= 0:
            raise ValueError(f"MultiHeadAttention: num_heads and key_dim must be positive, got "
                             f"{num_heads} and {key_dim}")
        if not 0 <= dropout < 1:
            raise ValueError(f"MultiHeadAttention: dropout must be in [0, 1), got {dropout}")
        self.num_heads, self.key_dim = int(num_heads), int(key_dim)
        self.value_dim = int(value_dim) if value_dim is not None else self.key_dim
        self.dropout, self.use_bias = float(dropout), bool(use_bias)
        self.output_size = None if output_shape is None else int(np.prod(output_shape))
        self.kernel_initializer, self.bias_initializer = kernel_initializer, bias_initializer
        self._rng = None if seed is None else np.random.default_rng(seed)

    # the call takes several tensors: they travel as one list of inputs (graph-friendly)
    def __call__(self, query, value=None, key=None, attention_mask=None,
                 return_attention_scores: bool = False, training=None,
                 use_causal_mask: bool = False, **kwargs):
        if value is None and isinstance(query, list) and len(query) in (3, 4):
            # already packed: a replay by Model or by the base class's symbolic call
            return super().__call__(query, training=training,
                                    return_attention_scores=bool(return_attention_scores),
                                    use_causal_mask=bool(use_causal_mask), **kwargs)
        if value is None:
            raise TypeError(f"layer '{self.name}' (MultiHeadAttention) needs query and value: "
                            "mha(query, value, key=None, attention_mask=None); for "
                            "self-attention call mha(x, x)")
        inputs = [query, value, value if key is None else key]
        if attention_mask is not None:
            inputs.append(attention_mask)
        return super().__call__(inputs, training=training,
                                return_attention_scores=bool(return_attention_scores),
                                use_causal_mask=bool(use_causal_mask), **kwargs)

    def _check_input(self, shapes):
        q, v, k = shapes[:3]
        name = f"layer '{self.name}' (MultiHeadAttention)"
        if any(s is None or len(s) != 3 for s in (q, v, k)):
            raise LayerError(f"{name} expects query (m, Tq, n_q), value (m, Tk, n_v) and key "
                             f"(m, Tk, n_k), got {_shapes_str([q, v, k])}")
        if v[1] != k[1]:
            raise LayerError(f"{name}: value and key must have the same number of time steps, "
                             f"got value {v} and key {k}")
        if len(shapes) > 3:
            mask = shapes[3]
            try:
                np.broadcast_shapes(tuple(1 if d is None else d for d in mask),
                                    (1, q[1], k[1]))
            except ValueError:
                raise LayerError(f"{name}: attention_mask of shape {mask} does not broadcast "
                                 f"to (m, Tq, Tk) = (m, {q[1]}, {k[1]})") from None
        if self.built:
            want = (self.query_kernel.shape[0], self.value_kernel.shape[0],
                    self.key_kernel.shape[0])
            got = (q[-1], v[-1], k[-1])
            if want != got:
                raise LayerError(f"{name} was built for (n_q, n_v, n_k) = {want} features, got "
                                 f"query, value, key of shapes {_shapes_str([q, v, k])}")

    def build(self, input_shape):
        q, v, k = input_shape[:3]
        h, dk, dv = self.num_heads, self.key_dim, self.value_dim
        n_out = self.output_size or q[-1]
        init = self.kernel_initializer

        def fan_init(fan_in, fan_out):
            # Keras's EinsumDense: glorot with fans from the full projection
            def f(shape, dtype):
                if init != "glorot_uniform":
                    return initializers.get(init)(shape, dtype)
                limit = np.sqrt(6 / (fan_in + fan_out))
                return initializers.rng().uniform(-limit, limit, size=shape).astype(dtype)
            return f
        # Keras's order: query, key, value, attention_output; each kernel then its bias
        self.query_kernel, self.query_bias = self._dense("query", q[-1], (h, dk), fan_init)
        self.key_kernel, self.key_bias = self._dense("key", k[-1], (h, dk), fan_init)
        self.value_kernel, self.value_bias = self._dense("value", v[-1], (h, dv), fan_init)
        self.output_kernel = self.add_weight("attention_output/kernel", (h, dv, n_out),
                                             fan_init(h * dv, n_out))
        self.output_bias = self.add_weight("attention_output/bias", (n_out,),
                                           self.bias_initializer) if self.use_bias else None

    def _dense(self, name, n_in, out_shape, fan_init):
        kernel = self.add_weight(f"{name}/kernel", (n_in,) + out_shape,
                                 fan_init(n_in, int(np.prod(out_shape))))
        bias = self.add_weight(f"{name}/bias", out_shape, self.bias_initializer) \
            if self.use_bias else None
        return kernel, bias

    def _project(self, x, kernel, bias):
        """(m, T, n) -> (m, h, T, d) with one GEMM."""
        n, h, d = kernel.shape
        m, T = x.shape[:2]
        y = ops.linear(x, ops.reshape(kernel, (n, h * d)),
                       None if bias is None else ops.reshape(bias, (h * d,)))
        return ops.transpose(ops.reshape(y, (m, T, h, d)), (0, 2, 1, 3))

    def call(self, inputs, training=False, return_attention_scores=False,
             use_causal_mask=False):
        query, value, key = inputs[:3]
        mask = None
        if len(inputs) > 3:
            mask = inputs[3].data if isinstance(inputs[3], Tensor) else np.asarray(inputs[3])
            mask = (mask != 0) if mask.dtype != bool else mask
            if mask.ndim == 3:
                mask = mask[:, None]              # the same mask for every head
        Tq, Tk = query.shape[1], key.shape[1]
        if use_causal_mask:
            causal = np.tril(np.ones((Tq, Tk), bool))
            mask = causal if mask is None else (mask & causal)
        q = self._project(query, self.query_kernel, self.query_bias)     # (m, h, Tq, dk)
        k = self._project(key, self.key_kernel, self.key_bias)           # (m, h, Tk, dk)
        v = self._project(value, self.value_kernel, self.value_bias)     # (m, h, Tk, dv)
        drop = None
        if training and self.dropout > 0:
            rng = self._rng or initializers.rng()
            keep = 1 - self.dropout
            shape = (q.shape[0], self.num_heads, Tq, Tk)
            drop = ((rng.random(shape) < keep) / keep).astype(q.dtype)
        result = dot_product_attention(q, k, v, mask, return_attention_scores, drop)
        ctx, scores = result if return_attention_scores else (result, None)
        m, h, _, dv = ctx.shape
        ctx = ops.reshape(ops.transpose(ctx, (0, 2, 1, 3)), (m, Tq, h * dv))
        n_out = self.output_kernel.shape[-1]
        out = ops.linear(ctx, ops.reshape(self.output_kernel, (h * dv, n_out)), self.output_bias)
        return (out, scores) if return_attention_scores else out
