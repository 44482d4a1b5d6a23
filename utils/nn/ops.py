"""The primitive operations of the framework, each a forward/backward pair of NumPy functions.

Every operation ``op`` here has

* ``_op_forward(*arrays, **kwargs) -> (out, cache)`` and ``_op_backward(dout, cache) -> grads``,
  plain NumPy, one gradient per input (``None`` where none is needed); gradients may keep the
  broadcast shape, :func:`utils.nn.tensor.apply` sums them back to each input's shape;
* ``op(*tensors, **kwargs)``, the public function: ``apply(_op_forward, _op_backward, ...)``.

Each pair is gradient-checked in float64 in ``tests/test_nn_ops.py``.  Shapes: ``x`` is any
shape unless stated; ``m`` is the number of examples (the first axis, as in Keras).
"""
from __future__ import annotations

import numpy as np

from .tensor import Tensor, apply, as_tensor

__all__ = [
    "add", "sub", "mul", "div", "neg", "pow", "sqrt", "matmul", "linear",
    "sum", "mean", "reshape", "transpose", "getitem", "concatenate", "stack",
    "exp", "log", "tanh", "sigmoid", "relu", "relu6", "leaky_relu", "softmax", "log_softmax",
    "where", "maximum", "clip", "dropout",
    "softmax_cross_entropy", "sigmoid_binary_cross_entropy", "batch_norm", "layer_norm",
]


# ------------------------------------------------------------------------------ arithmetic
def _add_forward(a, b): return a + b, None
def _add_backward(dout, cache): return dout, dout
def add(a, b) -> Tensor:
    """a + b (broadcasting)."""
    return apply(_add_forward, _add_backward, a, b)


def _sub_forward(a, b): return a - b, None
def _sub_backward(dout, cache): return dout, -dout
def sub(a, b) -> Tensor:
    """a - b (broadcasting)."""
    return apply(_sub_forward, _sub_backward, a, b)


def _mul_forward(a, b): return a * b, (a, b)
def _mul_backward(dout, cache):
    a, b = cache
    return dout * b, dout * a
def mul(a, b) -> Tensor:
    """a * b elementwise (broadcasting)."""
    return apply(_mul_forward, _mul_backward, a, b)


def _div_forward(a, b):
    out = a / b
    return out, (b, out)
def _div_backward(dout, cache):
    b, out = cache
    da = dout / b
    return da, -da * out            # d(a/b)/db = -a/b^2 = -(1/b) * (a/b)
def div(a, b) -> Tensor:
    """a / b elementwise (broadcasting)."""
    return apply(_div_forward, _div_backward, a, b)


def _neg_forward(a): return -a, None
def _neg_backward(dout, cache): return (-dout,)
def neg(a) -> Tensor:
    """-a."""
    return apply(_neg_forward, _neg_backward, a)


def _pow_forward(a, p): return a ** p, (a, p)
def _pow_backward(dout, cache):
    a, p = cache
    return (dout * p * a ** (p - 1),)
def pow(a, p) -> Tensor:
    """a ** p for a constant number p."""
    if isinstance(p, Tensor):
        raise TypeError("pow: the exponent must be a number, not a tensor")
    return apply(_pow_forward, _pow_backward, a, p=p)


def _sqrt_forward(a):
    out = np.sqrt(a)
    return out, out
def _sqrt_backward(dout, out): return (dout / (2 * out),)
def sqrt(a) -> Tensor:
    """Square root, elementwise."""
    return apply(_sqrt_forward, _sqrt_backward, a)


def _pair(a, b) -> tuple[Tensor, Tensor]:
    """Both operands as tensors; a non-tensor takes the other one's dtype."""
    a_like = b if isinstance(b, Tensor) else None
    b_like = a if isinstance(a, Tensor) else None
    return as_tensor(a, a_like), as_tensor(b, b_like)


# ---------------------------------------------------------------------------- matrix products
def _matmul_forward(a, b, need_a=True, need_b=True):
    return a @ b, (a if need_b else None, b if need_a else None)
def _matmul_backward(dout, cache):
    a, b = cache
    da = None if b is None else dout @ np.swapaxes(b, -1, -2)
    if a is None:
        db = None
    elif a.ndim > 2 and b.ndim == 2:   # (..., m, n) @ (n, k): one GEMM over all the rows
        db = a.reshape(-1, a.shape[-1]).T @ dout.reshape(-1, dout.shape[-1])
    else:
        db = np.swapaxes(a, -1, -2) @ dout
    return da, db
def matmul(a, b) -> Tensor:
    """a @ b: (m, n) @ (n, k) -> (m, k); leading axes are batch axes (broadcast).

    The gradient of an input that does not require grad is not computed (the first layer's
    input, frozen weights).
    """
    a, b = _pair(a, b)
    if a.ndim < 2 or b.ndim < 2:
        raise ValueError(f"matmul needs arrays of at least 2 axes, got shapes {a.shape} and "
                         f"{b.shape} (reshape vectors to (1, n) or (n, 1))")
    return apply(_matmul_forward, _matmul_backward, a, b,
                 need_a=a.requires_grad, need_b=b.requires_grad)


def _linear_forward(x, W, b, need_x=True):
    out = x @ W
    if b is not None:
        out += b
    return out, (x, W, need_x)
def _linear_backward(dout, cache):
    x, W, need_x = cache
    d2 = dout.reshape(-1, dout.shape[-1])
    dW = x.reshape(-1, x.shape[-1]).T @ d2
    db = d2.sum(axis=0)
    dx = dout @ W.T if need_x else None
    return dx, dW, db
def _linear_nobias_forward(x, W, need_x=True): return _linear_forward(x, W, None, need_x)
def _linear_nobias_backward(dout, cache): return _linear_backward(dout, cache)[:2]
def linear(x, W, b=None) -> Tensor:
    """The Dense layer's fused ``x @ W + b``: x (..., n_in), W (n_in, n_out), b (n_out,).

    One GEMM forward, two GEMMs backward (one when x needs no gradient).
    """
    x = as_tensor(x, W)
    if b is None:
        return apply(_linear_nobias_forward, _linear_nobias_backward, x, W,
                     need_x=x.requires_grad)
    return apply(_linear_forward, _linear_backward, x, W, b, need_x=x.requires_grad)


# ---------------------------------------------------------------------------------- reductions
def _axes(axis, ndim):
    if axis is None:
        return tuple(range(ndim))
    axis = (axis,) if np.isscalar(axis) else tuple(axis)
    return tuple(a % ndim for a in axis)


def _sum_forward(a, axis=None, keepdims=False):
    return a.sum(axis=axis, keepdims=keepdims), (a.shape, _axes(axis, a.ndim), keepdims)
def _sum_backward(dout, cache):
    shape, axes, keepdims = cache
    if not keepdims:
        dout = np.expand_dims(dout, axes)
    return (np.broadcast_to(dout, shape),)
def sum(a, axis=None, keepdims=False) -> Tensor:
    """Sum over ``axis`` (None: all entries; an int or a tuple of ints)."""
    return apply(_sum_forward, _sum_backward, a, axis=axis, keepdims=keepdims)


def _mean_forward(a, axis=None, keepdims=False):
    axes = _axes(axis, a.ndim)
    count = int(np.prod([a.shape[i] for i in axes]))
    return a.mean(axis=axis, keepdims=keepdims), (a.shape, axes, keepdims, count)
def _mean_backward(dout, cache):
    shape, axes, keepdims, count = cache
    (grad,) = _sum_backward(dout, (shape, axes, keepdims))
    return (grad / count,)
def mean(a, axis=None, keepdims=False) -> Tensor:
    """Mean over ``axis`` (None: all entries)."""
    return apply(_mean_forward, _mean_backward, a, axis=axis, keepdims=keepdims)


# --------------------------------------------------------------------------- shape operations
def _reshape_forward(a, shape): return a.reshape(shape), a.shape
def _reshape_backward(dout, shape): return (dout.reshape(shape),)
def reshape(a, *shape) -> Tensor:
    """Reshape (one entry may be -1); ``reshape(x, (m, -1))`` or ``reshape(x, m, -1)``."""
    if len(shape) == 1 and not np.isscalar(shape[0]):
        shape = tuple(shape[0])
    return apply(_reshape_forward, _reshape_backward, a, shape=shape)


def _transpose_forward(a, axes=None):
    axes = tuple(reversed(range(a.ndim))) if axes is None else axes
    return a.transpose(axes), np.argsort(axes)
def _transpose_backward(dout, inverse): return (dout.transpose(inverse),)
def transpose(a, *axes) -> Tensor:
    """Permute axes (default: reverse them, ``x.T``)."""
    if len(axes) == 1 and not np.isscalar(axes[0]):
        axes = tuple(axes[0])
    return apply(_transpose_forward, _transpose_backward, a, axes=tuple(axes) or None)


def _is_basic(index) -> bool:
    """Slices, integers, None and ... only: each entry is picked at most once."""
    items = index if isinstance(index, tuple) else (index,)
    return all(isinstance(i, (slice, int, np.integer)) or i is None or i is Ellipsis
               for i in items)
def _getitem_forward(a, index): return a[index], (a.shape, a.dtype, index)
def _getitem_backward(dout, cache):
    shape, dtype, index = cache
    grad = np.zeros(shape, dtype=dtype)
    if _is_basic(index):
        grad[index] = dout
    else:
        np.add.at(grad, index, dout)     # integer arrays may repeat entries: those add up
    return (grad,)
def getitem(a, index) -> Tensor:
    """``a[index]``: slices, integers, integer arrays (repeated rows get summed gradients)."""
    if isinstance(index, Tensor):
        index = index.data.astype(np.intp)
    return apply(_getitem_forward, _getitem_backward, a, index=index)


def _concatenate_forward(*arrays, axis=0):
    sizes = [a.shape[axis] for a in arrays]
    return np.concatenate(arrays, axis=axis), (np.cumsum(sizes)[:-1], axis)
def _concatenate_backward(dout, cache):
    splits, axis = cache
    return tuple(np.split(dout, splits, axis=axis))
def concatenate(tensors, axis=0) -> Tensor:
    """Join tensors along an existing axis."""
    return apply(_concatenate_forward, _concatenate_backward, *tensors, axis=axis)


def _stack_forward(*arrays, axis=0):
    out = np.stack(arrays, axis=axis)
    return out, axis % out.ndim
def _stack_backward(dout, axis):
    return tuple(np.moveaxis(dout, axis, 0))
def stack(tensors, axis=0) -> Tensor:
    """Join tensors of one shape along a new axis."""
    return apply(_stack_forward, _stack_backward, *tensors, axis=axis)


# ------------------------------------------------------------------ elementwise functions
def _exp_forward(a):
    out = np.exp(a)
    return out, out
def _exp_backward(dout, out): return (dout * out,)
def exp(a) -> Tensor:
    """e ** a."""
    return apply(_exp_forward, _exp_backward, a)


def _log_forward(a): return np.log(a), a
def _log_backward(dout, a): return (dout / a,)
def log(a) -> Tensor:
    """Natural logarithm."""
    return apply(_log_forward, _log_backward, a)


def _tanh_forward(a):
    out = np.tanh(a)
    return out, out
def _tanh_backward(dout, out): return (dout * (1 - out * out),)
def tanh(a) -> Tensor:
    """tanh(a); derivative 1 - tanh^2."""
    return apply(_tanh_forward, _tanh_backward, a)


def _sigmoid(z):
    # 1 / (1 + e^-z) without overflow: e^-|z| never exceeds 1
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1 / (1 + e), e / (1 + e)).astype(z.dtype, copy=False)
def _sigmoid_forward(a):
    out = _sigmoid(a)
    return out, out
def _sigmoid_backward(dout, s): return (dout * s * (1 - s),)
def sigmoid(a) -> Tensor:
    """1 / (1 + e^-a); derivative s (1 - s)."""
    a = as_tensor(a)
    out = apply(_sigmoid_forward, _sigmoid_backward, a)
    out._logits = ("sigmoid", a)   # lets binary_crossentropy use the fused, stable form
    return out


def _relu_forward(a, max_value=None):
    mask = a > 0
    if max_value is None:
        return a * mask, mask
    mask &= a < max_value
    return np.clip(a, 0, max_value), mask
def _relu_backward(dout, mask): return (dout * mask,)
def relu(a, max_value=None) -> Tensor:
    """max(a, 0), capped at ``max_value`` if given (ReLU6: max_value=6, as in MobileNetV2);
    derivative 1 where 0 < a (< max_value), else 0."""
    if max_value is None:
        return apply(_relu_forward, _relu_backward, a)
    return apply(_relu_forward, _relu_backward, a, max_value=max_value)


def relu6(a) -> Tensor:
    """min(max(a, 0), 6): MobileNetV2's activation."""
    return relu(a, max_value=6.0)


def _leaky_relu_forward(a, alpha=0.01):
    slope = np.where(a > 0, 1, alpha).astype(a.dtype)
    return a * slope, slope
def _leaky_relu_backward(dout, slope): return (dout * slope,)
def leaky_relu(a, alpha=0.01) -> Tensor:
    """a where a > 0, else alpha * a."""
    return apply(_leaky_relu_forward, _leaky_relu_backward, a, alpha=alpha)


def _softmax_forward(a, axis=-1):
    e = np.exp(a - a.max(axis=axis, keepdims=True))
    out = e / e.sum(axis=axis, keepdims=True)
    return out, (out, axis)
def _softmax_backward(dout, cache):
    # dL/da_i = s_i (dL/ds_i - sum_j dL/ds_j s_j): the Jacobian never built
    s, axis = cache
    return (s * (dout - (dout * s).sum(axis=axis, keepdims=True)),)
def softmax(a, axis=-1) -> Tensor:
    """e^a / sum(e^a) along ``axis`` (stable: the maximum is subtracted first)."""
    a = as_tensor(a)
    out = apply(_softmax_forward, _softmax_backward, a, axis=axis)
    if axis in (-1, a.ndim - 1):
        out._logits = ("softmax", a)   # lets the cross-entropy use the fused, stable form
    return out


def _log_softmax_forward(a, axis=-1):
    shifted = a - a.max(axis=axis, keepdims=True)
    out = shifted - np.log(np.exp(shifted).sum(axis=axis, keepdims=True))
    return out, (out, axis)
def _log_softmax_backward(dout, cache):
    out, axis = cache
    return (dout - np.exp(out) * dout.sum(axis=axis, keepdims=True),)
def log_softmax(a, axis=-1) -> Tensor:
    """log(softmax(a)), computed without taking the log of a tiny number."""
    return apply(_log_softmax_forward, _log_softmax_backward, a, axis=axis)


def _where_forward(a, b, cond):
    return np.where(cond, a, b), cond
def _where_backward(dout, cond):
    zero = np.zeros((), dout.dtype)
    return np.where(cond, dout, zero), np.where(cond, zero, dout)
def where(cond, a, b) -> Tensor:
    """a where ``cond`` (a boolean array) is true, else b (broadcasting)."""
    cond = np.asarray(cond.data if isinstance(cond, Tensor) else cond, dtype=bool)
    return apply(_where_forward, _where_backward, a, b, cond=cond)


def maximum(a, b) -> Tensor:
    """Elementwise max(a, b); ties send the gradient to ``a``."""
    a, b = _pair(a, b)
    return where(a.data >= b.data, a, b)


def clip(a, low, high) -> Tensor:
    """a limited to [low, high]; gradient 0 where it was clipped."""
    return apply(_clip_forward, _clip_backward, a, low=low, high=high)
def _clip_forward(a, low, high):
    return np.clip(a, low, high), (a >= low) & (a <= high)
def _clip_backward(dout, inside): return (dout * inside,)


def _dropout_forward(a, rate, rng):
    keep = 1.0 - rate
    mask = (rng.random(a.shape, dtype=a.dtype) < keep).astype(a.dtype) / a.dtype.type(keep)
    return a * mask, mask
def _dropout_backward(dout, mask): return (dout * mask,)
def dropout(a, rate: float, rng: np.random.Generator) -> Tensor:
    """Inverted dropout: zero each entry with probability ``rate``, scale the rest by
    1/(1 - rate) so that the expected value is unchanged (training only)."""
    if not 0 <= rate < 1:
        raise ValueError(f"dropout rate must be in [0, 1), got {rate}")
    return apply(_dropout_forward, _dropout_backward, a, rate=rate, rng=rng)


# ---------------------------------------------------------------------------- fused losses
def _softmax_ce_forward(logits, labels=None, sparse=False, axis=-1):
    shifted = logits - logits.max(axis=axis, keepdims=True)
    log_p = shifted - np.log(np.exp(shifted).sum(axis=axis, keepdims=True))
    if sparse:
        lp = np.moveaxis(log_p, axis, -1)
        loss = -np.take_along_axis(lp, labels[..., None].astype(np.intp), axis=-1)[..., 0]
    else:
        loss = -(labels * log_p).sum(axis=axis)
    return loss, (log_p, labels, sparse, axis)
def _softmax_ce_backward(dout, cache):
    # d loss / d logits = softmax(logits) - y: the formula of Course 1
    log_p, labels, sparse, axis = cache
    grad = np.exp(log_p)
    if sparse:
        g = np.moveaxis(grad, axis, -1)     # a view: writes go to grad
        idx = labels[..., None].astype(np.intp)
        np.put_along_axis(g, idx, np.take_along_axis(g, idx, axis=-1) - 1, axis=-1)
    else:
        grad = grad * labels.sum(axis=axis, keepdims=True) - labels   # softmax - y when y sums to 1
    return (grad * np.expand_dims(dout, axis),)
def softmax_cross_entropy(logits, labels, sparse: bool = False, axis: int = -1) -> Tensor:
    """Cross-entropy of softmax(logits) against ``labels``, per example, fused and stable.

    logits -- tensor (m, C) (or any shape, classes along ``axis``)
    labels -- one-hot / probability array of logits' shape, or (sparse=True) integer class
              indices of shape (m,) (logits' shape without ``axis``); never differentiated
    Returns the per-example losses, shape (m,): -sum_c y_c log softmax(logits)_c.
    """
    labels = np.asarray(labels.data if isinstance(labels, Tensor) else labels)
    logits = as_tensor(logits)
    if not sparse:
        labels = labels.astype(logits.dtype, copy=False)
    return apply(_softmax_ce_forward, _softmax_ce_backward, logits,
                 labels=labels, sparse=sparse, axis=axis)


def _sigmoid_bce_forward(z, y):
    # -y log s(z) - (1-y) log(1-s(z)) = max(z,0) - z y + log(1 + e^-|z|), never overflows
    loss = np.maximum(z, 0) - z * y + np.log1p(np.exp(-np.abs(z)))
    return loss, (z, y)
def _sigmoid_bce_backward(dout, cache):
    z, y = cache
    return (dout * (_sigmoid(z) - y),)     # dL/dz = sigmoid(z) - y
def sigmoid_binary_cross_entropy(logits, labels) -> Tensor:
    """Binary cross-entropy of sigmoid(logits) against 0/1 ``labels`` (same shape),
    elementwise, fused and stable."""
    logits = as_tensor(logits)
    labels = np.asarray(labels.data if isinstance(labels, Tensor) else labels,
                        dtype=logits.dtype)
    return apply(_sigmoid_bce_forward, _sigmoid_bce_backward, logits, y=labels)


# -------------------------------------------------------------------------- normalisation
def _batch_norm_forward(x, gamma, beta, axis=-1, eps=1e-3, training=True,
                        moving_mean=None, moving_var=None, momentum=0.99):
    axis = axis % x.ndim
    reduce = tuple(i for i in range(x.ndim) if i != axis)
    shape = [1] * x.ndim
    shape[axis] = x.shape[axis]
    if training:
        mu = x.mean(axis=reduce)
        var = x.var(axis=reduce)
        if moving_mean is not None:        # the layer's running statistics, updated in place
            moving_mean *= momentum
            moving_mean += (1 - momentum) * mu
            moving_var *= momentum
            moving_var += (1 - momentum) * var
    else:
        mu, var = moving_mean, moving_var
    inv_std = (1.0 / np.sqrt(var + eps)).astype(x.dtype).reshape(shape)
    x_hat = (x - mu.reshape(shape)) * inv_std
    out = x_hat * gamma.reshape(shape) + beta.reshape(shape)
    return out, (x_hat, inv_std, gamma.reshape(shape), reduce, training)
def _batch_norm_backward(dout, cache):
    x_hat, inv_std, gamma, reduce, training = cache
    dgamma = (dout * x_hat).sum(axis=reduce)
    dbeta = dout.sum(axis=reduce)
    dx_hat = dout * gamma
    if training:   # mu and var depend on x too
        dx = inv_std * (dx_hat - dx_hat.mean(axis=reduce, keepdims=True)
                        - x_hat * (dx_hat * x_hat).mean(axis=reduce, keepdims=True))
    else:
        dx = dx_hat * inv_std
    return dx, dgamma, dbeta
def batch_norm(x, gamma, beta, axis=-1, eps=1e-3, training=True,
               moving_mean=None, moving_var=None, momentum=0.99) -> Tensor:
    """Batch normalisation over every axis except ``axis`` (the channels / features).

    x (..., C) with C = x.shape[axis]; gamma, beta (C,).  training=True normalises with the
    batch's mean and variance (and, when ``moving_mean``/``moving_var`` arrays are given,
    updates them in place: moving = momentum * moving + (1 - momentum) * batch);
    training=False normalises with ``moving_mean``/``moving_var``.
    """
    if not training and moving_mean is None:
        raise ValueError("batch_norm(training=False) needs moving_mean and moving_var")
    return apply(_batch_norm_forward, _batch_norm_backward, x, gamma, beta, axis=axis,
                 eps=eps, training=training, moving_mean=moving_mean,
                 moving_var=moving_var, momentum=momentum)


def _layer_norm_forward(x, gamma, beta, eps=1e-3):
    mu = x.mean(axis=-1, keepdims=True)
    inv_std = 1.0 / np.sqrt(x.var(axis=-1, keepdims=True) + eps)
    x_hat = (x - mu) * inv_std
    return x_hat * gamma + beta, (x_hat, inv_std, gamma)
def _layer_norm_backward(dout, cache):
    x_hat, inv_std, gamma = cache
    n = x_hat.shape[-1]
    d2, xh2 = dout.reshape(-1, n), x_hat.reshape(-1, n)
    dgamma, dbeta = (d2 * xh2).sum(axis=0), d2.sum(axis=0)
    dx_hat = dout * gamma
    dx = inv_std * (dx_hat - dx_hat.mean(axis=-1, keepdims=True)
                    - x_hat * (dx_hat * x_hat).mean(axis=-1, keepdims=True))
    return dx, dgamma, dbeta
def layer_norm(x, gamma, beta, eps=1e-3) -> Tensor:
    """Layer normalisation over the last axis, per example: x (..., n), gamma, beta (n,)."""
    return apply(_layer_norm_forward, _layer_norm_backward, x, gamma, beta, eps=eps)
