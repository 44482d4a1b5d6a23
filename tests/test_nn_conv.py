"""Tests of utils.nn.conv, the framework's vectorized convolution and pooling primitives.

Every forward pass is compared with a plain loop implementation written here (one window at a
time, as c4w1a1 teaches it), and every backward pass is gradient-checked in float64 with
``utils.gradcheck`` on random shapes: odd sizes, strides 1-3, "valid", "same" and explicit
(also asymmetric) padding.  The scalar checked is ``sum(out * G)`` for a random ``G``, whose
gradient with respect to ``out`` is ``G``.
"""
from __future__ import annotations

import numpy as np
import pytest

from utils.gradcheck import gradient_errors
from utils.nn import conv
from utils.testing import CheckFailure, reference_blocked

TOL = 1e-7


# --- loop references --------------------------------------------------------------------------

def pads_of(padding, n_H, n_W, fh, fw, sh, sw):
    """The padding rule spelled out: TF "same", "valid", int or explicit pairs."""
    if padding == "valid":
        return (0, 0), (0, 0)
    if padding == "same":
        out = []
        for n, f, s in ((n_H, fh, sh), (n_W, fw, sw)):
            total = max((int(np.ceil(n / s)) - 1) * s + f - n, 0)
            out.append((total // 2, total - total // 2))
        return tuple(out)
    if isinstance(padding, int):
        return (padding, padding), (padding, padding)
    return padding


def loop_conv2d(x, w, b, stride, padding):
    fh, fw, C, K = w.shape
    m, H, W, _ = x.shape
    (t, bo), (l, r) = pads_of(padding, H, W, fh, fw, stride, stride)
    xp = np.pad(x, ((0, 0), (t, bo), (l, r), (0, 0)))
    n_H = (H + t + bo - fh) // stride + 1
    n_W = (W + l + r - fw) // stride + 1
    out = np.zeros((m, n_H, n_W, K))
    for i in range(m):
        for h in range(n_H):
            for v in range(n_W):
                win = xp[i, h * stride:h * stride + fh, v * stride:v * stride + fw, :]
                for c in range(K):
                    out[i, h, v, c] = np.sum(win * w[..., c]) + (0 if b is None else b[c])
    return out


def loop_conv2d_transpose(x, w, b, stride, padding):
    fh, fw, K, C = w.shape
    m, H, W, _ = x.shape
    if padding == "same":
        out_h, out_w = H * stride, W * stride
        (t, _), (l, _) = pads_of("same", out_h, out_w, fh, fw, stride, stride)
    else:
        out_h, out_w = (H - 1) * stride + max(fh, stride), (W - 1) * stride + max(fw, stride)
        t = l = 0
    full = np.zeros((m, max(out_h + t + fh, (H - 1) * stride + fh),
                     max(out_w + l + fw, (W - 1) * stride + fw), K))
    for h in range(H):
        for v in range(W):
            full[:, h * stride:h * stride + fh, v * stride:v * stride + fw, :] += \
                np.einsum("mc,abkc->mabk", x[:, h, v, :], w)
    out = full[:, t:t + out_h, l:l + out_w, :]
    return out + (0 if b is None else b)


def loop_depthwise(x, w, b, stride, padding):
    fh, fw, C, D = w.shape
    m, H, W, _ = x.shape
    (t, bo), (l, r) = pads_of(padding, H, W, fh, fw, stride, stride)
    xp = np.pad(x, ((0, 0), (t, bo), (l, r), (0, 0)))
    n_H = (H + t + bo - fh) // stride + 1
    n_W = (W + l + r - fw) // stride + 1
    out = np.zeros((m, n_H, n_W, C * D))
    for h in range(n_H):
        for v in range(n_W):
            win = xp[:, h * stride:h * stride + fh, v * stride:v * stride + fw, :]
            for k in range(C):
                for j in range(D):
                    out[:, h, v, k * D + j] = np.sum(win[..., k] * w[:, :, k, j], axis=(1, 2))
    return out + (0 if b is None else b)


def loop_pool(x, f, stride, padding, mode):
    m, H, W, C = x.shape
    (t, bo), (l, r) = pads_of(padding, H, W, f, f, stride, stride)
    n_H = (H + t + bo - f) // stride + 1
    n_W = (W + l + r - f) // stride + 1
    out = np.zeros((m, n_H, n_W, C))
    for h in range(n_H):
        for v in range(n_W):
            h0, v0 = h * stride - t, v * stride - l
            win = x[:, max(h0, 0):h0 + f, max(v0, 0):v0 + f, :]   # real cells only
            out[:, h, v, :] = win.max(axis=(1, 2)) if mode == "max" else win.mean(axis=(1, 2))
    return out


def check_grads(forward, backward, arrays, kwargs, rng):
    """Gradient-check backward(G, cache) against finite differences of sum(forward(...) * G)."""
    out, cache = forward(*arrays, **kwargs)
    G = rng.normal(size=out.shape)
    grads = backward(G, cache)
    assert len(grads) == len(arrays)
    for a, g in zip(arrays, grads):
        assert g.shape == a.shape and g.dtype == a.dtype
    named = {str(i): a for i, a in enumerate(arrays)}
    errors = gradient_errors(lambda: float(np.sum(forward(*arrays, **kwargs)[0] * G)), named,
                             {str(i): g for i, g in enumerate(grads)})
    assert max(errors.values()) < TOL, errors


PADDINGS = ["valid", "same", 1, ((0, 2), (1, 0))]
CASES = [(seed, padding, stride) for seed in range(2) for padding in PADDINGS
         for stride in (1, 2, 3)]


def random_image(rng, min_size=3):
    m = int(rng.integers(1, 3))
    H, W = (int(v) for v in rng.integers(min_size, 8, size=2))
    return rng.normal(size=(m, H, W, int(rng.integers(1, 4))))


# --- conv2d -----------------------------------------------------------------------------------

@pytest.mark.parametrize("seed,padding,stride", CASES)
def test_conv2d_matches_loops_and_gradients(seed, padding, stride):
    rng = np.random.default_rng(seed * 100 + stride)
    x = random_image(rng)
    f = int(rng.integers(1, 4))
    w = rng.normal(size=(f, f, x.shape[3], int(rng.integers(1, 4))))
    b = rng.normal(size=w.shape[3])
    out, _ = conv.conv2d_forward(x, w, b, strides=stride, padding=padding)
    np.testing.assert_allclose(out, loop_conv2d(x, w, b, stride, padding), atol=1e-12)
    check_grads(conv.conv2d_forward, conv.conv2d_backward, (x, w, b),
                dict(strides=stride, padding=padding), rng)


def test_conv2d_without_bias_and_rectangular_kernel():
    rng = np.random.default_rng(7)
    x = rng.normal(size=(2, 6, 7, 2))
    w = rng.normal(size=(3, 2, 2, 4))
    out, cache = conv.conv2d_forward(x, w, None, strides=(2, 1), padding="same")
    assert out.shape == (2, 3, 7, 4)
    assert len(conv.conv2d_backward(np.ones_like(out), cache)) == 2
    check_grads(conv.conv2d_forward, conv.conv2d_backward, (x, w), dict(strides=(2, 1),
                padding="same"), rng)


def test_conv2d_keeps_float32():
    rng = np.random.default_rng(0)
    x = rng.normal(size=(2, 9, 9, 3)).astype(np.float32)
    w = rng.normal(size=(3, 3, 3, 5)).astype(np.float32)
    b = np.zeros(5, np.float32)
    out, cache = conv.conv2d_forward(x, w, b, padding="same")
    assert out.dtype == np.float32
    assert all(g.dtype == np.float32 for g in conv.conv2d_backward(out, cache))
    np.testing.assert_allclose(out, loop_conv2d(x.astype(float), w.astype(float), b, 1, "same"),
                               rtol=1e-4, atol=1e-4)


def test_conv2d_errors_name_the_shapes():
    x = np.zeros((2, 5, 5, 3))
    with pytest.raises(ValueError, match=r"3 channels.*\(3, 3, 4, 8\)"):
        conv.conv2d_forward(x, np.zeros((3, 3, 4, 8)))
    with pytest.raises(ValueError, match=r"4-D array.*\(5, 5, 3\)"):
        conv.conv2d_forward(x[0], np.zeros((3, 3, 3, 8)))
    with pytest.raises(ValueError, match="does not fit"):
        conv.conv2d_forward(x, np.zeros((7, 7, 3, 8)))
    with pytest.raises(ValueError, match="padding"):
        conv.conv2d_forward(x, np.zeros((3, 3, 3, 8)), padding="full")


def test_same_padding_follows_tensorflow():
    # n = 7, f = 4, s = 2: out 4, total padding (4 - 1) * 2 + 4 - 7 = 3 -> 1 before, 2 after
    assert conv.normalize_padding("same", (7, 6), (4, 1), (2, 3)) == ((1, 2), (0, 0))
    x = np.zeros((1, 7, 6, 1))
    assert conv.conv2d_forward(x, np.zeros((4, 1, 1, 1)), strides=(2, 3),
                               padding="same")[0].shape == (1, 4, 2, 1)


# --- conv2d transpose, conv1d, depthwise ------------------------------------------------------

@pytest.mark.parametrize("seed", range(2))
@pytest.mark.parametrize("padding", ["valid", "same"])
@pytest.mark.parametrize("stride", [1, 2, 3])
def test_conv2d_transpose(seed, padding, stride):
    rng = np.random.default_rng(seed * 10 + stride)
    x = random_image(rng, min_size=1)
    f = int(rng.integers(1, 5))
    w = rng.normal(size=(f, f, int(rng.integers(1, 4)), x.shape[3]))
    b = rng.normal(size=w.shape[2])
    out, _ = conv.conv2d_transpose_forward(x, w, b, strides=stride, padding=padding)
    np.testing.assert_allclose(out, loop_conv2d_transpose(x, w, b, stride, padding), atol=1e-12)
    check_grads(conv.conv2d_transpose_forward, conv.conv2d_transpose_backward, (x, w, b),
                dict(strides=stride, padding=padding), rng)


def test_conv2d_transpose_is_the_adjoint_of_conv2d():
    rng = np.random.default_rng(3)
    for padding, stride, f in [("same", 2, 3), ("valid", 2, 4), ("same", 3, 2)]:
        x = rng.normal(size=(2, 4, 5, 3))
        w = rng.normal(size=(f, f, 2, 3))
        y, _ = conv.conv2d_transpose_forward(x, w, strides=stride, padding=padding)
        z = rng.normal(size=y.shape)
        cx, _ = conv.conv2d_forward(z, w, strides=stride, padding=padding)
        assert cx.shape == x.shape
        np.testing.assert_allclose(np.sum(y * z), np.sum(x * cx), rtol=1e-10)


@pytest.mark.parametrize("padding", ["valid", "same", "causal", 2])
@pytest.mark.parametrize("stride", [1, 2])
def test_conv1d(padding, stride):
    rng = np.random.default_rng(stride)
    x = rng.normal(size=(2, 9, 3))
    w = rng.normal(size=(3, 3, 4))
    b = rng.normal(size=4)
    out, _ = conv.conv1d_forward(x, w, b, strides=stride, padding=padding)
    if padding == "causal":
        ref = loop_conv2d(np.pad(x, ((0, 0), (2, 0), (0, 0)))[:, None], w[None], b, stride,
                          "valid")[:, 0]
    elif isinstance(padding, int):
        ref = loop_conv2d(x[:, None], w[None], b, stride, ((0, 0), (2, 2)))[:, 0]
    else:
        ref = loop_conv2d(x[:, None], w[None], b, stride, padding)[:, 0]
    np.testing.assert_allclose(out, ref, atol=1e-12)
    check_grads(conv.conv1d_forward, conv.conv1d_backward, (x, w, b),
                dict(strides=stride, padding=padding), rng)


@pytest.mark.parametrize("seed", range(2))
@pytest.mark.parametrize("padding", ["valid", "same"])
@pytest.mark.parametrize("stride", [1, 2])
@pytest.mark.parametrize("depth", [1, 2])
def test_depthwise_conv2d(seed, padding, stride, depth):
    rng = np.random.default_rng(seed)
    x = random_image(rng)
    w = rng.normal(size=(3, 3, x.shape[3], depth))
    b = rng.normal(size=x.shape[3] * depth)
    out, _ = conv.depthwise_conv2d_forward(x, w, b, strides=stride, padding=padding)
    np.testing.assert_allclose(out, loop_depthwise(x, w, b, stride, padding), atol=1e-12)
    check_grads(conv.depthwise_conv2d_forward, conv.depthwise_conv2d_backward, (x, w, b),
                dict(strides=stride, padding=padding), rng)


# --- pooling, padding, upsampling -------------------------------------------------------------

@pytest.mark.parametrize("mode", ["max", "average"])
@pytest.mark.parametrize("padding", ["valid", "same"])
@pytest.mark.parametrize("f,stride", [(2, 2), (3, 1), (3, 2), (2, 3)])
def test_pooling(mode, padding, f, stride):
    rng = np.random.default_rng(f * 10 + stride)
    x = random_image(rng)
    fwd, bwd = ((conv.max_pool2d_forward, conv.max_pool2d_backward) if mode == "max" else
                (conv.avg_pool2d_forward, conv.avg_pool2d_backward))
    out, _ = fwd(x, f, stride, padding)
    np.testing.assert_allclose(out, loop_pool(x, f, stride, padding, mode), atol=1e-12)
    check_grads(fwd, bwd, (x,), dict(pool_size=f, strides=stride, padding=padding), rng)


def test_pooling_strides_default_to_pool_size():
    x = np.arange(2 * 6 * 6 * 3, dtype=float).reshape(2, 6, 6, 3)
    assert conv.max_pool2d_forward(x, 3)[0].shape == (2, 2, 2, 3)
    assert conv.avg_pool2d_forward(x, (2, 3))[0].shape == (2, 3, 2, 3)


def test_global_avg_pool_zero_pad_upsample():
    rng = np.random.default_rng(5)
    x = rng.normal(size=(2, 3, 5, 2))
    out, _ = conv.global_avg_pool2d_forward(x)
    np.testing.assert_allclose(out, x.mean(axis=(1, 2)))
    check_grads(conv.global_avg_pool2d_forward, conv.global_avg_pool2d_backward, (x,), {}, rng)

    for padding in [1, (2, 0), ((1, 2), (0, 3))]:
        out, _ = conv.zero_pad2d_forward(x, padding)
        (t, b), (l, r) = conv.normalize_padding(padding, (3, 5), (1, 1), (1, 1))
        np.testing.assert_array_equal(out, np.pad(x, ((0, 0), (t, b), (l, r), (0, 0))))
        check_grads(conv.zero_pad2d_forward, conv.zero_pad2d_backward, (x,),
                    dict(padding=padding), rng)

    for size in [2, (1, 3)]:
        out, _ = conv.upsample2d_forward(x, size)
        sh, sw = (size, size) if isinstance(size, int) else size
        np.testing.assert_array_equal(out, x.repeat(sh, axis=1).repeat(sw, axis=2))
        check_grads(conv.upsample2d_forward, conv.upsample2d_backward, (x,), dict(size=size),
                    rng)


# --- the c4w1a1 answers -----------------------------------------------------------------------

def test_course_answers_match_loops_and_gradients():
    rng = np.random.default_rng(11)
    for pad, stride, f in [(0, 1, 3), (1, 2, 3), (2, 3, 2)]:
        A = rng.normal(size=(2, 7, 6, 3))
        W = rng.normal(size=(f, f, 3, 4))
        b = rng.normal(size=(1, 1, 1, 4))
        hp = {"stride": stride, "pad": pad}
        Z, cache = conv.conv_forward(A, W, b, hp)
        np.testing.assert_allclose(Z, loop_conv2d(A, W, b.ravel(), stride, pad), atol=1e-12)
        assert cache[0] is A and cache[3] is hp
        dZ = rng.normal(size=Z.shape)
        dA, dW, db = conv.conv_backward(dZ, cache)
        assert db.shape == (1, 1, 1, 4)
        errors = gradient_errors(lambda: float(np.sum(conv.conv_forward(A, W, b, hp)[0] * dZ)),
                                 {"A": A, "W": W, "b": b}, {"A": dA, "W": dW, "b": db})
        assert max(errors.values()) < TOL, errors
    for mode in ["max", "average"]:
        A = rng.normal(size=(2, 7, 5, 3))
        hp = {"f": 3, "stride": 2}
        P, cache = conv.pool_forward(A, hp, mode=mode)
        np.testing.assert_allclose(P, loop_pool(A, 3, 2, "valid", mode))
        dP = rng.normal(size=P.shape)
        dA = conv.pool_backward(dP, cache, mode=mode)
        errors = gradient_errors(lambda: float(np.sum(conv.pool_forward(A, hp, mode)[0] * dP)),
                                 {"A": A}, {"A": dA})
        assert errors["A"] < TOL, errors
    x = np.array([[1.0, 3.0], [3.0, -1.0]])
    np.testing.assert_array_equal(conv.create_mask_from_window(x), [[False, True], [True, False]])
    np.testing.assert_allclose(conv.distribute_value(2.0, (2, 2)), np.full((2, 2), 0.5))
    a = rng.normal(size=(4, 4, 3))
    wv = rng.normal(size=(4, 4, 3))
    assert np.isclose(conv.conv_single_step(a, wv, np.array([[[0.5]]])), np.sum(a * wv) + 0.5)
    assert conv.zero_pad(np.ones((2, 3, 3, 2)), 2).shape == (2, 7, 7, 2)


def test_course_answers_are_marked_and_primitives_are_not():
    assert conv.TAUGHT_IN == ("c4w1a1_conv_step_by_step",)
    for name in ["zero_pad", "conv_single_step", "conv_forward", "conv_backward",
                 "create_mask_from_window", "distribute_value", "pool_forward", "pool_backward"]:
        assert getattr(getattr(conv, name), "__course_reference__", False), name
    with reference_blocked(), pytest.raises(CheckFailure, match="write it yourself"):
        conv.zero_pad(np.zeros((1, 2, 2, 1)), 1)
    with reference_blocked():   # layers of later notebooks keep working inside check_function
        conv.conv2d_forward(np.zeros((1, 3, 3, 1)), np.zeros((2, 2, 1, 1)))


def test_max_pool_ties_send_the_gradient_once():
    x = np.zeros((1, 4, 4, 1))
    x[0, 2:, 2:, 0] = [[1.0, 3.0], [3.0, 3.0]]
    out, cache = conv.max_pool2d_forward(x, 2)
    (dx,) = conv.max_pool2d_backward(np.ones_like(out), cache)
    assert dx.sum() == out.size                      # every window passes on exactly 1
    np.testing.assert_array_equal(dx[0, :2, :2, 0], [[1, 0], [0, 0]])   # first of 4 zeros
    np.testing.assert_array_equal(dx[0, 2:, 2:, 0], [[0, 1], [0, 0]])   # first of three 3s


def test_conv_skips_the_input_gradient_when_asked():
    rng = np.random.default_rng(9)
    x, w, b = rng.normal(size=(2, 6, 6, 3)), rng.normal(size=(3, 3, 3, 4)), rng.normal(size=4)
    out, cache = conv.conv2d_forward(x, w, b, padding="same", need_dx=False)
    dx, dw, db = conv.conv2d_backward(out, cache)
    full = conv.conv2d_backward(out, conv.conv2d_forward(x, w, b, padding="same")[1])
    assert dx is None
    np.testing.assert_allclose(dw, full[1])
    np.testing.assert_allclose(db, full[2])
    out1, cache1 = conv.conv1d_forward(x[:, 0], w[0], None, need_dx=False)
    assert conv.conv1d_backward(out1, cache1)[0] is None


# --- the cache-sized im2col blocks ------------------------------------------------------------

@pytest.mark.parametrize("block_bytes", [1, 700, 1 << 21])
def test_conv_blocks_of_any_size_give_the_same_results(monkeypatch, block_bytes):
    """conv2d and conv2d_transpose build im2col in blocks of whole images or of a few rows of
    one image (conv._BLOCK_BYTES); 1 byte forces one output row per block, 700 several rows,
    2 MiB several images.  Values and gradients must not depend on it."""
    monkeypatch.setattr(conv, "_BLOCK_BYTES", block_bytes)
    rng = np.random.default_rng(11)
    x = rng.normal(size=(3, 7, 6, 2))
    for stride, padding, f in [(1, "same", 3), (2, "same", 3), (1, "valid", 2), (2, 3, 3)]:
        w = rng.normal(size=(f, f, 2, 3))
        b = rng.normal(size=3)
        out, _ = conv.conv2d_forward(x, w, b, strides=stride, padding=padding)
        np.testing.assert_allclose(out, loop_conv2d(x, w, b, stride, padding), atol=1e-12)
        check_grads(conv.conv2d_forward, conv.conv2d_backward, (x, w, b),
                    dict(strides=stride, padding=padding), rng)
    for stride, padding in [(2, "same"), (1, "same"), (2, "valid")]:
        w = rng.normal(size=(3, 3, 4, 2))
        out, _ = conv.conv2d_transpose_forward(x, w, None, strides=stride, padding=padding)
        np.testing.assert_allclose(out, loop_conv2d_transpose(x, w, None, stride, padding),
                                   atol=1e-12)
        check_grads(conv.conv2d_transpose_forward, conv.conv2d_transpose_backward, (x, w),
                    dict(strides=stride, padding=padding), rng)
