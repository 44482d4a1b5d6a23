"""Convolution and pooling primitives of the course framework, vectorized (taught in c4w1a1).

Layout (see the course guide): images are NHWC, ``(m, n_H, n_W, n_C)``; a conv layer's weights
are ``(f, f, n_C_prev, n_C)`` and its bias ``(n_C,)``.  Every primitive is a pair

    out, cache = <name>_forward(*arrays, **hyperparameters)
    grads      = <name>_backward(dout, cache)      # one gradient per array input, same order

which is the shape the framework's autograd (``apply(forward, backward, *inputs, **kwargs)``)
expects.  Arrays keep their dtype (float32 in models, float64 in gradient checks).

How it is fast.  A convolution is a matrix product: the input windows are laid side by side
with a strided *view* (no copy) and copied into an "im2col" matrix of shape
``(m * n_H * n_W, f * f * n_C_prev)``, which multiplies the weights reshaped to
``(f * f * n_C_prev, n_C)``.  The matrix is built and multiplied in cache-sized blocks (a few
images, or a few rows of one image), which matters for narrow layers such as a U-Net's.  The
backward pass rebuilds the blocks for ``dW``; for a stride of 1 ``dx`` is the convolution of the
output gradient with the flipped kernel, and otherwise ``dout @ W^T`` is scattered back onto
the input with one strided add per kernel offset (``f * f`` adds, never a loop over pixels).  Pooling loops over the ``f * f`` offsets of the
window, each step an operation on whole arrays.

Padding is ``"valid"`` (none), ``"same"`` (TensorFlow's rule: the output has ``ceil(n / s)``
rows, the total padding ``max((ceil(n / s) - 1) * s + f - n, 0)`` is split with the odd row at
the bottom/right), an int ``p`` (``p`` on every side, as in the course), or explicit
``((top, bottom), (left, right))``.  Output size: ``floor((n + p_top + p_bottom - f) / s) + 1``.

The functions named as in c4w1a1 (``zero_pad``, ``conv_single_step``, ``conv_forward``,
``conv_backward``, ``create_mask_from_window``, ``distribute_value``, ``pool_forward``,
``pool_backward``) are that assignment's answers with its shapes and caches; they are marked
with :func:`utils.testing.course_reference`, and the c4w1a1 grading sandbox does not contain
this module.
"""
from __future__ import annotations

import math

import numpy as np
from numpy.lib.stride_tricks import as_strided

from utils.testing import course_reference

# The assignment whose exercises this module answers: its graded sandbox does not contain it.
TAUGHT_IN = ("c4w1a1_conv_step_by_step",)

__all__ = [
    "conv_output_size", "normalize_padding",
    "zero_pad2d_forward", "zero_pad2d_backward",
    "conv2d_forward", "conv2d_backward",
    "conv2d_transpose_forward", "conv2d_transpose_backward",
    "conv1d_forward", "conv1d_backward",
    "depthwise_conv2d_forward", "depthwise_conv2d_backward",
    "max_pool2d_forward", "max_pool2d_backward",
    "avg_pool2d_forward", "avg_pool2d_backward",
    "global_avg_pool2d_forward", "global_avg_pool2d_backward",
    "upsample2d_forward", "upsample2d_backward",
    # the c4w1a1 answers
    "zero_pad", "conv_single_step", "conv_forward", "conv_backward",
    "create_mask_from_window", "distribute_value", "pool_forward", "pool_backward",
]


# --- hyperparameters --------------------------------------------------------------------------

def _pair(value, name):
    """An int or a pair of ints -> a pair of positive ints."""
    if isinstance(value, (int, np.integer)):
        pair = (int(value), int(value))
    else:
        pair = tuple(int(v) for v in value)
        if len(pair) != 2:
            raise ValueError(f"{name} must be an int or a pair of ints, not {value!r}")
    if min(pair) < 1:
        raise ValueError(f"{name} must be positive, not {value!r}")
    return pair


def conv_output_size(n, f, s, pad_before, pad_after):
    """``floor((n + pad_before + pad_after - f) / s) + 1``: output rows of a window of size f."""
    return (n + pad_before + pad_after - f) // s + 1


def _same_pads(n, f, s):
    """TensorFlow's "same" padding of one axis: (before, after), the odd one after."""
    out = -(-n // s)
    total = max((out - 1) * s + f - n, 0)
    return total // 2, total - total // 2


def normalize_padding(padding, size, kernel, strides):
    """Padding as ((top, bottom), (left, right)) for an (n_H, n_W) image and an (f_h, f_w) window.

    padding -- "valid", "same", an int p (p on every side), a pair (p_h, p_w), or
               ((top, bottom), (left, right)).
    """
    if isinstance(padding, str):
        mode = padding.lower()
        if mode == "valid":
            return (0, 0), (0, 0)
        if mode == "same":
            return (_same_pads(size[0], kernel[0], strides[0]),
                    _same_pads(size[1], kernel[1], strides[1]))
        raise ValueError(f'padding must be "valid", "same", an int or explicit pads, '
                         f'not {padding!r}')
    if isinstance(padding, (int, np.integer)):
        p = int(padding)
        pads = ((p, p), (p, p))
    else:
        padding = tuple(padding)
        if len(padding) != 2:
            raise ValueError(f"padding must have two entries (rows, columns), not {padding!r}")
        pads = tuple((int(p), int(p)) if isinstance(p, (int, np.integer))
                     else tuple(int(q) for q in p) for p in padding)
    if any(len(p) != 2 or min(p) < 0 for p in pads):
        raise ValueError(f"padding must be non-negative (before, after) pairs, not {padding!r}")
    return pads


def _check_rank(name, array, rank, layout):
    if array.ndim != rank:
        raise ValueError(f"{name} expects a {rank}-D array {layout}, got shape {array.shape}")


def _pad(x, pads, value=0.0):
    """x (m, n_H, n_W, n_C) padded on the two spatial axes; x itself when no padding is asked."""
    (t, b), (l, r) = pads
    if t == b == l == r == 0:
        return x
    out = np.full((x.shape[0], x.shape[1] + t + b, x.shape[2] + l + r, x.shape[3]), value,
                  dtype=x.dtype)
    out[:, t:t + x.shape[1], l:l + x.shape[2], :] = x
    return out


def _windows(xp, fh, fw, sh, sw, n_H, n_W):
    """Read-only strided view (m, n_H, n_W, fh, fw, n_C) of the windows of xp; no copy."""
    m, _, _, C = xp.shape
    s0, s1, s2, s3 = xp.strides
    return as_strided(xp, shape=(m, n_H, n_W, fh, fw, C),
                      strides=(s0, s1 * sh, s2 * sw, s1, s2, s3), writeable=False)


def _offset(i, j, sh, sw, n_H, n_W):
    """The index that picks, for every output pixel, the input pixel at kernel offset (i, j)."""
    return (slice(None), slice(i, i + sh * (n_H - 1) + 1, sh),
            slice(j, j + sw * (n_W - 1) + 1, sw), slice(None))


def _unpad(dxp, pads, shape):
    (t, _), (l, _) = pads
    return dxp[:, t:t + shape[1], l:l + shape[2], :]


def _geometry(name, x, kernel, strides, padding):
    """Pads, strides, output size of a 2-D window operation, with errors that name ``name``."""
    _check_rank(name, x, 4, "(m, n_H, n_W, n_C)")
    fh, fw = kernel
    sh, sw = _pair(strides, f"{name}: strides")
    pads = normalize_padding(padding, x.shape[1:3], (fh, fw), (sh, sw))
    n_H = conv_output_size(x.shape[1], fh, sh, *pads[0])
    n_W = conv_output_size(x.shape[2], fw, sw, *pads[1])
    if n_H < 1 or n_W < 1:
        raise ValueError(f"{name}: a {fh}x{fw} window does not fit in an input of shape "
                         f"{x.shape} with padding {pads}")
    return pads, (sh, sw), (n_H, n_W)


# --- zero padding -----------------------------------------------------------------------------

def zero_pad2d_forward(x, padding=1):
    """Zeros around the images.  x: (m, n_H, n_W, n_C); padding: int, (p_h, p_w) or
    ((top, bottom), (left, right)).  Returns (out (m, n_H + top + bottom, n_W + left + right,
    n_C), cache)."""
    _check_rank("zero_pad2d", x, 4, "(m, n_H, n_W, n_C)")
    pads = normalize_padding(padding, x.shape[1:3], (1, 1), (1, 1))
    out = _pad(x, pads)
    return (out.copy() if out is x else out), (pads, x.shape)


def zero_pad2d_backward(dout, cache):
    """Returns (dx,): the gradient cropped back to the input's shape."""
    pads, shape = cache
    return (_unpad(dout, pads, shape).copy(),)


# --- conv2d -----------------------------------------------------------------------------------
#
# The im2col matrix of a whole batch is large (for a 96x128 image with 8 channels and a 3x3
# kernel, 110,592 numbers per image) and, for narrow layers, the GEMM that reads it does little
# work per number: the time goes into moving memory.  So every product below builds and uses
# im2col blocks of about _BLOCK_BYTES (a few images, or a few rows of one image), which stay in
# the CPU cache between the copy and the GEMM, and nothing of the size of im2col is kept for the
# backward pass (it rebuilds the blocks from the padded input).

_BLOCK_BYTES = 1 << 21


def _blocks(m, n_H, row_bytes):
    """Slices (images, output rows) of about _BLOCK_BYTES of im2col each: whole images when
    one image is small, otherwise row ranges of one image.  row_bytes: one output row's share."""
    rows = max(1, _BLOCK_BYTES // max(row_bytes, 1))
    if rows >= n_H:
        per = max(1, rows // n_H)
        for s in range(0, m, per):
            yield slice(s, min(m, s + per)), slice(0, n_H)
    else:
        for i in range(m):
            for r in range(0, n_H, rows):
                yield slice(i, i + 1), slice(r, min(n_H, r + rows))


def _block_cols(xp, fh, fw, sh, sw, n_W, imgs, rows, buf):
    """The im2col rows of output rows ``rows`` of images ``imgs``, copied into ``buf``."""
    C = xp.shape[3]
    n_img, n_rows = imgs.stop - imgs.start, rows.stop - rows.start
    part = xp[imgs, rows.start * sh:(rows.stop - 1) * sh + fh]
    cols = buf[:n_img * n_rows * n_W]
    np.copyto(cols.reshape(n_img, n_rows, n_W, fh, fw, C),
              _windows(part, fh, fw, sh, sw, n_rows, n_W))
    return cols


def _im2col_blocks(xp, fh, fw, sh, sw, n_H, n_W):
    """Yield (images, rows, cols) over cache-sized blocks of the output: cols is the im2col
    matrix (pixels of the block, fh fw C) of xp (m, H_p, W_p, C) padded, in one reused buffer."""
    m, C = xp.shape[0], xp.shape[3]
    buf = None
    for imgs, rows in _blocks(m, n_H, n_W * fh * fw * C * xp.itemsize):
        if buf is None:
            buf = np.empty(((imgs.stop - imgs.start) * (rows.stop - rows.start) * n_W,
                            fh * fw * C), dtype=xp.dtype)
        yield imgs, rows, _block_cols(xp, fh, fw, sh, sw, n_W, imgs, rows, buf)


def _conv_matmul(xp, wmat, fh, fw, sh, sw, n_H, n_W):
    """im2col(xp) @ wmat, block by block: xp (m, H_p, W_p, C) padded, wmat (fh fw C, K).
    Returns (m, n_H, n_W, K)."""
    m, K = xp.shape[0], wmat.shape[1]
    out = np.empty((m, n_H, n_W, K), dtype=np.result_type(xp.dtype, wmat.dtype))
    for imgs, rows, cols in _im2col_blocks(xp, fh, fw, sh, sw, n_H, n_W):
        np.matmul(cols, wmat, out=out[imgs, rows].reshape(-1, K))
    return out


def _conv_weight_grad(xp, d, fh, fw, sh, sw):
    """sum over pixels of im2col(xp)^T d, block by block: xp (m, H_p, W_p, C) padded, d (m, n_H,
    n_W, K).  Returns (fh fw C, K)."""
    n_H, n_W, K = d.shape[1:]
    acc = np.zeros((K, fh * fw * xp.shape[3]), dtype=np.result_type(xp.dtype, d.dtype))
    for imgs, rows, cols in _im2col_blocks(xp, fh, fw, sh, sw, n_H, n_W):
        acc += d[imgs, rows].reshape(-1, K).T @ cols       # (K, rows) @ (rows, fh fw C)
    return acc.T


def _conv_input_grad(d, wmat, fh, fw, sh, sw, padded_hw, pads, out_hw):
    """The adjoint of _conv_matmul in its input: every pixel of d (m, n_H, n_W, K) adds
    wmat (fh fw C, K) @ d[pixel] back onto its window.  Returns a C-contiguous (m, out_h, out_w,
    C), the unpadded part.

    Stride 1 with pads smaller than the kernel: this is a convolution of d (padded by f - 1 -
    pad) with the flipped kernel, one _conv_matmul.  Otherwise each block scatters its window
    gradients with f_h * f_w strided adds into a channels-first scratch image (each add then
    moves whole image rows), transposed to NHWC at the end.
    """
    m, n_H, n_W, K = d.shape
    C = wmat.shape[0] // (fh * fw)
    (t, b), (l, r) = pads
    if (sh, sw) == (1, 1) and max(t, b) < fh and max(l, r) < fw \
            and padded_hw == (n_H + fh - 1, n_W + fw - 1):
        dpad = _pad(d, ((fh - 1 - t, fh - 1 - b), (fw - 1 - l, fw - 1 - r)))
        wflip = np.ascontiguousarray(
            wmat.reshape(fh, fw, C, K)[::-1, ::-1].transpose(0, 1, 3, 2)).reshape(-1, C)
        return _conv_matmul(dpad, wflip, fh, fw, 1, 1, out_hw[0], out_hw[1])
    dxp = np.zeros((C, m) + tuple(padded_hw), dtype=np.result_type(d.dtype, wmat.dtype))
    for imgs, rows in _blocks(m, n_H, n_W * fh * fw * C * d.itemsize):
        n_rows = rows.stop - rows.start
        dT = (wmat @ d[imgs, rows].reshape(-1, K).T).reshape(
            fh, fw, C, imgs.stop - imgs.start, n_rows, n_W)
        for i in range(fh):
            for j in range(fw):
                top = rows.start * sh + i
                dxp[:, imgs, top:top + sh * (n_rows - 1) + 1:sh,
                    j:j + sw * (n_W - 1) + 1:sw] += dT[i, j]
    return np.ascontiguousarray(
        dxp[:, :, t:t + out_hw[0], l:l + out_hw[1]].transpose(1, 2, 3, 0))


def conv2d_forward(x, w, b=None, strides=1, padding="valid", need_dx=True):
    """2-D convolution (cross-correlation, as in every deep-learning framework).

    x -- (m, n_H_prev, n_W_prev, n_C_prev)
    w -- (f_h, f_w, n_C_prev, n_C)
    b -- (n_C,) or None (any shape with n_C entries, e.g. the course's (1, 1, 1, n_C))
    strides -- int or (s_h, s_w); padding -- see the module docstring
    need_dx -- False when the input needs no gradient (a model's input): the backward pass
               then skips one matrix product and the scatter, and returns None for dx

    out[i, h, v, c] = sum_{a, d, k} xp[i, h s_h + a, v s_w + d, k] w[a, d, k, c] + b[c],
    with xp the padded input.  Returns (out (m, n_H, n_W, n_C), cache).
    """
    _check_rank("conv2d weights", w, 4, "(f_h, f_w, n_C_prev, n_C)")
    fh, fw, C, K = w.shape
    pads, (sh, sw), (n_H, n_W) = _geometry("conv2d", x, (fh, fw), strides, padding)
    if x.shape[3] != C:
        raise ValueError(f"conv2d: input has {x.shape[3]} channels (shape {x.shape}) but the "
                         f"weights expect {C} (shape {w.shape})")
    xp = _pad(x, pads)
    out = _conv_matmul(xp, w.reshape(fh * fw * C, K), fh, fw, sh, sw, n_H, n_W)
    if b is not None:
        out += np.reshape(b, (K,)).astype(out.dtype, copy=False)
    cache = (xp, w, b is not None, x.shape, pads, (sh, sw), need_dx)
    return out, cache


def conv2d_backward(dout, cache):
    """Returns (dx, dw, db) (or (dx, dw) when the forward pass had no bias); db is (n_C,);
    dx is None when the forward pass was told need_dx=False."""
    xp, w, has_bias, x_shape, pads, (sh, sw), need_dx = cache
    fh, fw, C, K = w.shape
    dw = _conv_weight_grad(xp, dout, fh, fw, sh, sw).reshape(w.shape)
    dx = None
    if need_dx:
        dx = _conv_input_grad(dout, w.reshape(-1, K), fh, fw, sh, sw, xp.shape[1:3], pads,
                              x_shape[1:3])
    if has_bias:
        return dx, dw, dout.reshape(-1, K).sum(axis=0)
    return dx, dw


# --- conv2d transpose -------------------------------------------------------------------------

def _transpose_geometry(x, w, strides, padding):
    _check_rank("conv2d_transpose", x, 4, "(m, n_H, n_W, n_C_prev)")
    _check_rank("conv2d_transpose weights", w, 4, "(f_h, f_w, n_C, n_C_prev)")
    fh, fw, K, C = w.shape
    if x.shape[3] != C:
        raise ValueError(f"conv2d_transpose: input has {x.shape[3]} channels (shape {x.shape}) "
                         f"but the weights (f_h, f_w, n_C, n_C_prev) = {w.shape} expect {C}")
    sh, sw = _pair(strides, "conv2d_transpose: strides")
    H, W = x.shape[1:3]
    if isinstance(padding, str) and padding.lower() == "same":
        out_hw = (H * sh, W * sw)
        pads = (_same_pads(out_hw[0], fh, sh), _same_pads(out_hw[1], fw, sw))
    elif isinstance(padding, str) and padding.lower() == "valid":
        out_hw = ((H - 1) * sh + max(fh, sh), (W - 1) * sw + max(fw, sw))
        pads = ((0, 0), (0, 0))
    else:
        raise ValueError(f'conv2d_transpose: padding must be "valid" or "same", not {padding!r}')
    return (fh, fw, K, C), (sh, sw), out_hw, pads


def conv2d_transpose_forward(x, w, b=None, strides=1, padding="valid"):
    """Transposed convolution (Keras' Conv2DTranspose): the adjoint of conv2d in its input.

    x -- (m, n_H, n_W, n_C_prev); w -- (f_h, f_w, n_C, n_C_prev) (Keras' kernel layout);
    b -- (n_C,) or None.  Output (m, n_H s_h, n_W s_w, n_C) for "same" and
    (m, (n_H - 1) s_h + max(f_h, s_h), ..., n_C) for "valid".  Every input pixel adds a copy of
    the kernel, scaled by its value, into the output at stride s.  Returns (out, cache).
    """
    (fh, fw, K, C), (sh, sw), out_hw, pads = _transpose_geometry(x, w, strides, padding)
    m, H, W, _ = x.shape
    full = (m, max(out_hw[0] + sum(pads[0]), (H - 1) * sh + fh),
            max(out_hw[1] + sum(pads[1]), (W - 1) * sw + fw), K)
    # the adjoint pads of the "full" image: whatever lies beyond out_hw after the top/left pad
    adj = ((pads[0][0], full[1] - out_hw[0] - pads[0][0]),
           (pads[1][0], full[2] - out_hw[1] - pads[1][0]))
    out = _conv_input_grad(x, w.reshape(-1, C), fh, fw, sh, sw, full[1:3], adj, out_hw)
    if b is not None:
        out += np.reshape(b, (K,)).astype(out.dtype, copy=False)
    return out, (x, w, b is not None, full, pads, (sh, sw))


def conv2d_transpose_backward(dout, cache):
    """Returns (dx, dw, db) (or (dx, dw) without bias)."""
    x, w, has_bias, full, pads, (sh, sw) = cache
    fh, fw, K, C = w.shape
    m, H, W, _ = x.shape
    dyp = np.zeros(full, dtype=dout.dtype)
    (t, _), (l, _) = pads
    dyp[:, t:t + dout.shape[1], l:l + dout.shape[2], :] = dout
    dx = _conv_matmul(dyp, w.reshape(-1, C), fh, fw, sh, sw, H, W)
    dw = _conv_weight_grad(dyp, x, fh, fw, sh, sw).reshape(w.shape)
    if has_bias:
        return dx, dw, dout.reshape(-1, K).sum(axis=0)
    return dx, dw


# --- conv1d -----------------------------------------------------------------------------------

def conv1d_forward(x, w, b=None, strides=1, padding="valid", need_dx=True):
    """1-D convolution over sequences.

    x -- (m, n_L, n_C_prev); w -- (f, n_C_prev, n_C); b -- (n_C,) or None.
    padding -- "valid", "same", "causal" (f - 1 zeros before, none after), an int or
    (before, after).  Returns (out (m, n_L_out, n_C), cache).
    """
    _check_rank("conv1d", x, 3, "(m, n_L, n_C_prev)")
    _check_rank("conv1d weights", w, 3, "(f, n_C_prev, n_C)")
    s = int(strides if isinstance(strides, (int, np.integer)) else strides[0])
    if isinstance(padding, str) and padding.lower() == "causal":
        pads2d = ((0, 0), (w.shape[0] - 1, 0))
    elif isinstance(padding, str):
        pads2d = ((0, 0), normalize_padding(padding, (1, x.shape[1]), (1, w.shape[0]),
                                            (1, s))[1])
    elif isinstance(padding, (int, np.integer)):
        pads2d = ((0, 0), (int(padding), int(padding)))
    else:
        pads2d = ((0, 0), tuple(int(p) for p in padding))
    out, cache = conv2d_forward(x[:, None], w[None], b, strides=(1, s), padding=pads2d,
                                need_dx=need_dx)
    return out[:, 0], cache


def conv1d_backward(dout, cache):
    """Returns (dx, dw, db) (or (dx, dw) without bias) in conv1d's shapes."""
    grads = conv2d_backward(dout[:, None], cache)
    dx = None if grads[0] is None else grads[0][:, 0]
    return (dx, grads[1][0]) + grads[2:]


# --- depthwise conv2d -------------------------------------------------------------------------

def depthwise_conv2d_forward(x, w, b=None, strides=1, padding="valid"):
    """Depthwise convolution (MobileNet): each input channel is filtered on its own.

    x -- (m, n_H_prev, n_W_prev, n_C_prev); w -- (f_h, f_w, n_C_prev, d) with d the depth
    multiplier (Keras' layout); b -- (n_C_prev * d,) or None.
    out[i, h, v, k d + j] = sum_{a, e} xp[i, h s_h + a, v s_w + e, k] w[a, e, k, j] + b[k d + j].
    Returns (out (m, n_H, n_W, n_C_prev * d), cache).
    """
    _check_rank("depthwise_conv2d weights", w, 4, "(f_h, f_w, n_C_prev, depth_multiplier)")
    fh, fw, C, D = w.shape
    pads, (sh, sw), (n_H, n_W) = _geometry("depthwise_conv2d", x, (fh, fw), strides, padding)
    if x.shape[3] != C:
        raise ValueError(f"depthwise_conv2d: input has {x.shape[3]} channels (shape {x.shape}) "
                         f"but the weights expect {C} (shape {w.shape})")
    xp = _pad(x, pads)
    m = x.shape[0]
    dtype = np.result_type(x.dtype, w.dtype)
    # one contiguous (m, n_H, n_W, n_C_prev) block per multiplier: 4-D products only
    outs = np.zeros((D, m, n_H, n_W, C), dtype=dtype)
    for i in range(fh):
        for j in range(fw):
            part = xp[_offset(i, j, sh, sw, n_H, n_W)]
            for k in range(D):
                outs[k] += part * w[i, j, :, k]
    out = outs[0] if D == 1 else outs.transpose(1, 2, 3, 4, 0).reshape(m, n_H, n_W, C * D)
    if b is not None:
        out += np.reshape(b, (C * D,)).astype(dtype, copy=False)
    return out, (xp, w, b is not None, x.shape, pads, (sh, sw))


def depthwise_conv2d_backward(dout, cache):
    """Returns (dx, dw, db) (or (dx, dw) without bias)."""
    xp, w, has_bias, x_shape, pads, (sh, sw) = cache
    fh, fw, C, D = w.shape
    m, n_H, n_W, _ = dout.shape
    douts = dout.reshape(m, n_H, n_W, C, D)
    douts = [douts[..., 0]] if D == 1 else \
        list(np.ascontiguousarray(douts.transpose(4, 0, 1, 2, 3)))
    dxp = np.zeros(xp.shape, dtype=dout.dtype)
    dw = np.empty(w.shape, dtype=dout.dtype)
    for i in range(fh):
        for j in range(fw):
            idx = _offset(i, j, sh, sw, n_H, n_W)
            part = xp[idx]
            for k, dk in enumerate(douts):
                dxp[idx] += dk * w[i, j, :, k]
                # einsum without optimize=True: its BLAS path is ten times slower here
                dw[i, j, :, k] = np.einsum("mhwc,mhwc->c", part, dk)
    dx = np.ascontiguousarray(_unpad(dxp, pads, x_shape))
    if has_bias:
        return dx, dw, dout.reshape(-1, C * D).sum(axis=0)
    return dx, dw


# --- pooling ----------------------------------------------------------------------------------

def max_pool2d_forward(x, pool_size=2, strides=None, padding="valid"):
    """Max over each f_h x f_w window, channel by channel.

    x -- (m, n_H_prev, n_W_prev, n_C); pool_size -- int or (f_h, f_w); strides -- int, pair or
    None (= pool_size, as in Keras); padding -- as for conv2d ("same" pads with -inf, so padded
    cells never win).  Returns (out (m, n_H, n_W, n_C), cache).
    """
    fh, fw = _pair(pool_size, "max_pool2d: pool_size")
    pads, (sh, sw), (n_H, n_W) = _geometry("max_pool2d", x, (fh, fw),
                                           (fh, fw) if strides is None else strides, padding)
    xp = _pad(x, pads, -np.inf)
    out = None
    for i in range(fh):
        for j in range(fw):
            part = xp[_offset(i, j, sh, sw, n_H, n_W)]
            out = part.copy() if out is None else np.maximum(out, part, out=out)
    return out, (xp, out, x.shape, pads, (fh, fw), (sh, sw))


def max_pool2d_backward(dout, cache):
    """Returns (dx,): each window's gradient goes to the cell that held its maximum; when the
    maximum occurs several times (windows of zeros after a ReLU, saturated pixels), to the
    first one in row-major window order, as TensorFlow and PyTorch do, so that no gradient is
    counted twice.  (c4w1a1's loop version marks every tied maximum; on data without ties the
    two agree.)"""
    xp, out, x_shape, pads, (fh, fw), (sh, sw) = cache
    n_H, n_W = out.shape[1:3]
    dxp = np.zeros(xp.shape, dtype=dout.dtype)
    taken = np.zeros(out.shape, dtype=bool)
    for i in range(fh):
        for j in range(fw):
            idx = _offset(i, j, sh, sw, n_H, n_W)
            hit = xp[idx] == out
            hit &= ~taken
            taken |= hit
            dxp[idx] += np.where(hit, dout, 0)
    return (np.ascontiguousarray(_unpad(dxp, pads, x_shape)),)


def _avg_counts(x_shape, pads, kernel, strides, out_hw, dtype):
    """How many real (unpadded) cells each window covers, shaped (n_H, n_W, 1)."""
    counts = []
    for axis in range(2):
        n, (before, _), f, s, n_out = x_shape[1 + axis], pads[axis], kernel[axis], \
            strides[axis], out_hw[axis]
        start = np.arange(n_out) * s - before
        counts.append(np.minimum(start + f, n) - np.maximum(start, 0))
    return (counts[0][:, None] * counts[1][None, :]).astype(dtype)[:, :, None]


def avg_pool2d_forward(x, pool_size=2, strides=None, padding="valid"):
    """Mean over each f_h x f_w window, channel by channel.  With "same" padding the padded
    cells are left out of the mean (as in TensorFlow).  Returns (out, cache)."""
    fh, fw = _pair(pool_size, "avg_pool2d: pool_size")
    pads, (sh, sw), (n_H, n_W) = _geometry("avg_pool2d", x, (fh, fw),
                                           (fh, fw) if strides is None else strides, padding)
    xp = _pad(x, pads)
    out = None
    for i in range(fh):
        for j in range(fw):
            part = xp[_offset(i, j, sh, sw, n_H, n_W)]
            out = part.copy() if out is None else np.add(out, part, out=out)
    counts = _avg_counts(x.shape, pads, (fh, fw), (sh, sw), (n_H, n_W), out.dtype)
    out /= counts
    return out, (counts, x.shape, xp.shape, pads, (fh, fw), (sh, sw))


def avg_pool2d_backward(dout, cache):
    """Returns (dx,): each window's gradient spread evenly over the cells it averaged."""
    counts, x_shape, xp_shape, pads, (fh, fw), (sh, sw) = cache
    n_H, n_W = dout.shape[1:3]
    share = dout / counts
    dxp = np.zeros(xp_shape, dtype=dout.dtype)
    for i in range(fh):
        for j in range(fw):
            dxp[_offset(i, j, sh, sw, n_H, n_W)] += share
    return (np.ascontiguousarray(_unpad(dxp, pads, x_shape)),)


def global_avg_pool2d_forward(x):
    """Mean over the spatial axes: x (m, n_H, n_W, n_C) -> (m, n_C).  Returns (out, cache)."""
    _check_rank("global_avg_pool2d", x, 4, "(m, n_H, n_W, n_C)")
    return x.mean(axis=(1, 2)), x.shape


def global_avg_pool2d_backward(dout, cache):
    """Returns (dx,): dout / (n_H n_W) at every pixel."""
    m, H, W, C = cache
    dx = np.empty(cache, dtype=dout.dtype)
    dx[...] = (dout / (H * W))[:, None, None, :]
    return (dx,)


# --- upsampling -------------------------------------------------------------------------------

def upsample2d_forward(x, size=2):
    """Nearest-neighbour upsampling: every pixel becomes an s_h x s_w block.

    x -- (m, n_H, n_W, n_C); size -- int or (s_h, s_w).  Returns (out (m, n_H s_h, n_W s_w, n_C),
    cache)."""
    _check_rank("upsample2d", x, 4, "(m, n_H, n_W, n_C)")
    sh, sw = _pair(size, "upsample2d: size")
    m, H, W, C = x.shape
    out = np.broadcast_to(x[:, :, None, :, None, :], (m, H, sh, W, sw, C))
    return out.reshape(m, H * sh, W * sw, C), (x.shape, (sh, sw))


def upsample2d_backward(dout, cache):
    """Returns (dx,): the sum of each block's gradients."""
    (m, H, W, C), (sh, sw) = cache
    return (dout.reshape(m, H, sh, W, sw, C).sum(axis=(2, 4)),)


# --- the c4w1a1 answers, with that assignment's shapes and caches --------------------------------

@course_reference
def zero_pad(X, pad):
    """Pad the height and width of every image with ``pad`` zeros on each side.

    X: (m, n_H, n_W, n_C).  Returns X_pad: (m, n_H + 2 pad, n_W + 2 pad, n_C).
    """
    return np.pad(X, ((0, 0), (pad, pad), (pad, pad), (0, 0)), mode="constant",
                  constant_values=0)


@course_reference
def conv_single_step(a_slice_prev, W, b):
    """One filter on one window: sum(a_slice_prev * W) + b.

    a_slice_prev: (f, f, n_C_prev); W: (f, f, n_C_prev); b: (1, 1, 1).  Returns a number.
    """
    return np.sum(a_slice_prev * W) + float(np.asarray(b).reshape(()))


@course_reference
def conv_forward(A_prev, W, b, hparameters):
    """Forward pass of a convolution layer.

    A_prev: (m, n_H_prev, n_W_prev, n_C_prev); W: (f, f, n_C_prev, n_C); b: (1, 1, 1, n_C);
    hparameters: {"stride": s, "pad": p}.
    Returns (Z, cache): Z is (m, n_H, n_W, n_C) with n_H = floor((n_H_prev + 2p - f) / s) + 1;
    cache = (A_prev, W, b, hparameters).
    """
    Z, _ = conv2d_forward(A_prev, W, b, strides=hparameters["stride"],
                          padding=hparameters["pad"])
    return Z, (A_prev, W, b, hparameters)


@course_reference
def conv_backward(dZ, cache):
    """Backward pass of a convolution layer.

    dZ: (m, n_H, n_W, n_C); cache = (A_prev, W, b, hparameters) from conv_forward.
    Returns (dA_prev (m, n_H_prev, n_W_prev, n_C_prev), dW (f, f, n_C_prev, n_C),
    db (1, 1, 1, n_C)).
    """
    A_prev, W, b, hparameters = cache
    _, fcache = conv2d_forward(A_prev, W, b, strides=hparameters["stride"],
                               padding=hparameters["pad"])
    dA_prev, dW, db = conv2d_backward(dZ, fcache)
    return dA_prev, dW, db.reshape(1, 1, 1, -1)


@course_reference
def create_mask_from_window(x):
    """Boolean array of x's shape, True where x holds its maximum."""
    return x == np.max(x)


@course_reference
def distribute_value(dz, shape):
    """Spread the number dz evenly over an array of ``shape`` (n_H, n_W)."""
    n_H, n_W = shape
    return np.ones(shape) * (dz / (n_H * n_W))


@course_reference
def pool_forward(A_prev, hparameters, mode="max"):
    """Forward pass of a pooling layer (no padding).

    A_prev: (m, n_H_prev, n_W_prev, n_C); hparameters: {"f": f, "stride": s};
    mode: "max" or "average".
    Returns (A, cache): A is (m, n_H, n_W, n_C) with n_H = floor((n_H_prev - f) / s) + 1;
    cache = (A_prev, hparameters).
    """
    forward = _pool_pair(mode)[0]
    A, _ = forward(A_prev, hparameters["f"], hparameters["stride"], "valid")
    return A, (A_prev, hparameters)


@course_reference
def pool_backward(dA, cache, mode="max"):
    """Backward pass of a pooling layer.

    dA: (m, n_H, n_W, n_C); cache = (A_prev, hparameters) from pool_forward.
    Returns dA_prev: (m, n_H_prev, n_W_prev, n_C).
    """
    A_prev, hparameters = cache
    forward, backward = _pool_pair(mode)
    _, pcache = forward(A_prev, hparameters["f"], hparameters["stride"], "valid")
    return backward(dA, pcache)[0]


def _pool_pair(mode):
    if mode == "max":
        return max_pool2d_forward, max_pool2d_backward
    if mode == "average":
        return avg_pool2d_forward, avg_pool2d_backward
    raise ValueError(f'mode must be "max" or "average", not {mode!r}')
