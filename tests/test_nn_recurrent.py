"""Tests of utils.nn.recurrent: each forward against a plain per-step loop, each backward against
centred finite differences (utils.gradcheck) in float64, on small random shapes with and without
initial states, masks and reversed direction."""
from __future__ import annotations

import numpy as np
import pytest

from utils.gradcheck import numerical_gradient, relative_error
from utils.nn import recurrent as R

TOL = 1e-6


def sigmoid(a):
    return 1 / (1 + np.exp(-a))


# --- straightforward references: one time step at a time ------------------------------------

def loop_simple_rnn(x, W, U, b, h0=None, mask=None, reverse=False):
    N, T, _ = x.shape
    h = np.zeros((N, U.shape[0])) if h0 is None else h0
    out = np.zeros((N, T, U.shape[0]))
    for t in (reversed(range(T)) if reverse else range(T)):
        new = np.tanh(x[:, t] @ W + h @ U + b)
        if mask is not None:
            new = np.where(mask[:, t:t + 1], new, h)
        h = out[:, t] = new
    return out


def loop_lstm(x, W, U, b, h0=None, c0=None, mask=None, reverse=False):
    N, T, _ = x.shape
    u = U.shape[0]
    h = np.zeros((N, u)) if h0 is None else h0
    c = np.zeros((N, u)) if c0 is None else c0
    out = np.zeros((N, T, u))
    for t in (reversed(range(T)) if reverse else range(T)):
        z = x[:, t] @ W + h @ U + b
        i, f, cc, o = sigmoid(z[:, :u]), sigmoid(z[:, u:2 * u]), np.tanh(z[:, 2 * u:3 * u]), \
            sigmoid(z[:, 3 * u:])
        c_new = f * c + i * cc
        h_new = o * np.tanh(c_new)
        if mask is not None:
            m = mask[:, t:t + 1]
            c_new, h_new = np.where(m, c_new, c), np.where(m, h_new, h)
        h, c = h_new, c_new
        out[:, t] = h
    return out, c


def loop_gru(x, W, U, b, h0=None, mask=None, reverse=False):
    N, T, _ = x.shape
    u = U.shape[0]
    h = np.zeros((N, u)) if h0 is None else h0
    out = np.zeros((N, T, u))
    for t in (reversed(range(T)) if reverse else range(T)):
        a = x[:, t] @ W + b[0]
        q = h @ U + b[1]
        z = sigmoid(a[:, :u] + q[:, :u])
        r = sigmoid(a[:, u:2 * u] + q[:, u:2 * u])
        hh = np.tanh(a[:, 2 * u:] + r * q[:, 2 * u:])
        new = z * h + (1 - z) * hh
        if mask is not None:
            new = np.where(mask[:, t:t + 1], new, h)
        h = out[:, t] = new
    return out


def loop_attention(q, k, v, mask=None):
    """Per (batch, query) loops over plain vectors."""
    lead = np.broadcast_shapes(q.shape[:-2], k.shape[:-2], v.shape[:-2])
    q, k, v = (np.broadcast_to(a, lead + a.shape[-2:]) for a in (q, k, v))
    Tq, Tk = q.shape[-2], k.shape[-2]
    m = np.ones(lead + (Tq, Tk), bool) if mask is None else np.broadcast_to(mask, lead + (Tq, Tk))
    out = np.zeros(lead + (Tq, v.shape[-1]))
    W = np.zeros(lead + (Tq, Tk))
    for idx in np.ndindex(*lead):
        for i in range(Tq):
            s = np.array([q[idx][i] @ k[idx][j] / np.sqrt(q.shape[-1]) if m[idx][i, j] else -1e9
                          for j in range(Tk)])
            w = np.exp(s - s.max())
            w /= w.sum()
            W[idx][i] = w
            out[idx][i] = w @ v[idx]
    return out, W


# --- problems ---------------------------------------------------------------------------------

def problem(rng, kind, N, T, F, u, with_h0, with_mask):
    k = {"rnn": 1, "lstm": 4, "gru": 3}[kind]
    x = rng.normal(size=(N, T, F))
    W = rng.normal(size=(F, k * u)) * 0.5
    U = rng.normal(size=(u, k * u)) * 0.5
    b = rng.normal(size=(2, 3 * u) if kind == "gru" else (k * u,)) * 0.5
    states = []
    if with_h0:
        states.append(rng.normal(size=(N, u)))
        if kind == "lstm":
            states.append(rng.normal(size=(N, u)))
    mask = None
    if with_mask:
        mask = rng.uniform(size=(N, T)) < 0.7
        mask[0] = True
    return x, W, U, b, states, mask


CASES = [(N, T, F, u, h0, m, rev) for (N, T, F, u) in [(2, 3, 4, 3), (3, 5, 2, 4), (1, 1, 3, 2)]
         for h0 in (False, True) for m in (False, True) for rev in (False, True)]


# --- forward against loops --------------------------------------------------------------------

@pytest.mark.parametrize("N,T,F,u,with_h0,with_mask,reverse", CASES)
def test_forward_matches_loops(N, T, F, u, with_h0, with_mask, reverse):
    rng = np.random.default_rng(N * 100 + T * 10 + F)
    for kind in ("rnn", "lstm", "gru"):
        x, W, U, b, states, mask = problem(rng, kind, N, T, F, u, with_h0, with_mask)
        if kind == "rnn":
            out, _ = R.simple_rnn_forward(x, W, U, b, *states, mask=mask, reverse=reverse)
            np.testing.assert_allclose(out, loop_simple_rnn(x, W, U, b, *states, mask=mask,
                                                            reverse=reverse), rtol=1e-10)
        elif kind == "lstm":
            (hs, c), _ = R.lstm_forward(x, W, U, b, *states, mask=mask, reverse=reverse)
            ref_hs, ref_c = loop_lstm(x, W, U, b, *states, mask=mask, reverse=reverse)
            np.testing.assert_allclose(hs, ref_hs, rtol=1e-10, atol=1e-12)
            np.testing.assert_allclose(c, ref_c, rtol=1e-10, atol=1e-12)
        else:
            out, _ = R.gru_forward(x, W, U, b, *states, mask=mask, reverse=reverse)
            np.testing.assert_allclose(out, loop_gru(x, W, U, b, *states, mask=mask,
                                                     reverse=reverse), rtol=1e-10, atol=1e-12)


def test_float32_stays_float32():
    rng = np.random.default_rng(0)
    for kind, fwd in [("rnn", R.simple_rnn_forward), ("lstm", R.lstm_forward),
                      ("gru", R.gru_forward)]:
        x, W, U, b, _, _ = problem(rng, kind, 4, 6, 5, 3, False, False)
        args = [a.astype(np.float32) for a in (x, W, U, b)]
        out, cache = fwd(*args)
        hs = out[0] if kind == "lstm" else out
        assert hs.dtype == np.float32
        back = getattr(R, fwd.__name__.replace("forward", "backward"))
        grads = back(out if kind != "lstm" else (np.ones_like(out[0]), None), cache)
        assert all(g.dtype == np.float32 for g in grads)
        ref = {"rnn": loop_simple_rnn, "lstm": lambda *a: loop_lstm(*a)[0], "gru": loop_gru}[kind]
        np.testing.assert_allclose(hs, ref(x, W, U, b), rtol=1e-4, atol=1e-5)


# --- gradient checks --------------------------------------------------------------------------

def gradcheck(forward, backward, arrays, project, **kwargs):
    """Compare backward with numerical gradients of the scalar project(forward(...)) for every
    float array argument; returns the worst relative error."""
    out, cache = forward(*arrays, **kwargs)
    dout = project(out, grad=True)
    grads = backward(dout, cache)
    assert len(grads) == len(arrays)
    worst = 0.0
    for a, g in zip(arrays, grads):
        if a is None or not np.issubdtype(np.asarray(a).dtype, np.floating):
            assert g is None
            continue
        assert g.shape == a.shape
        num = numerical_gradient(lambda: project(forward(*arrays, **kwargs)[0]), a)
        worst = max(worst, relative_error(num, g))
    return worst


def random_projection(rng, out_example):
    """A random linear functional of an output (or a tuple of outputs) and its gradient."""
    if isinstance(out_example, tuple):
        Gs = [rng.normal(size=o.shape) for o in out_example]
    else:
        Gs = [rng.normal(size=out_example.shape)]

    def project(out, grad=False):
        outs = out if isinstance(out, tuple) else (out,)
        if grad:
            return tuple(Gs) if isinstance(out, tuple) else Gs[0]
        return sum(float(np.sum(G * o)) for G, o in zip(Gs, outs))
    return project


@pytest.mark.parametrize("N,T,F,u,with_h0,with_mask,reverse", CASES)
@pytest.mark.parametrize("kind", ["rnn", "lstm", "gru"])
def test_recurrent_gradcheck(kind, N, T, F, u, with_h0, with_mask, reverse):
    rng = np.random.default_rng(7 + N + 10 * T + 100 * F)
    x, W, U, b, states, mask = problem(rng, kind, N, T, F, u, with_h0, with_mask)
    fwd = {"rnn": R.simple_rnn_forward, "lstm": R.lstm_forward, "gru": R.gru_forward}[kind]
    bwd = {"rnn": R.simple_rnn_backward, "lstm": R.lstm_backward, "gru": R.gru_backward}[kind]
    arrays = [x, W, U, b, *states]
    project = random_projection(rng, fwd(*arrays, mask=mask, reverse=reverse)[0])
    assert gradcheck(fwd, bwd, arrays, project, mask=mask, reverse=reverse) < TOL


def test_lstm_grads_with_partial_outputs():
    """Only the final cell state, or only the hidden states, feed the loss."""
    rng = np.random.default_rng(3)
    x, W, U, b, states, _ = problem(rng, "lstm", 2, 4, 3, 3, True, False)
    arrays = [x, W, U, b, *states]
    Gc = rng.normal(size=(2, 3))
    Gh = rng.normal(size=(2, 4, 3))

    def only_c(out, grad=False):
        return (None, Gc) if grad else float(np.sum(Gc * out[1]))

    def only_h(out, grad=False):
        return Gh if grad else float(np.sum(Gh * out[0]))
    assert gradcheck(R.lstm_forward, R.lstm_backward, arrays, only_c) < TOL
    assert gradcheck(R.lstm_forward, R.lstm_backward, arrays, only_h) < TOL


def test_c0_without_h0():
    rng = np.random.default_rng(4)
    x, W, U, b, (h0, c0), _ = problem(rng, "lstm", 2, 3, 3, 2, True, False)
    arrays = [x, W, U, b, None, c0]
    project = random_projection(rng, R.lstm_forward(*arrays)[0])
    assert gradcheck(R.lstm_forward, R.lstm_backward, arrays, project) < TOL


def test_recurrent_shape_errors():
    rng = np.random.default_rng(0)
    x, W, U, b, _, _ = problem(rng, "lstm", 2, 3, 4, 3, False, False)
    with pytest.raises(ValueError, match="lstm_forward.*kernel"):
        R.lstm_forward(x, W[:3], U, b)
    with pytest.raises(ValueError, match="lstm_forward.*h0"):
        R.lstm_forward(x, W, U, b, np.zeros((3, 3)))
    with pytest.raises(ValueError, match="gru_forward.*bias"):
        R.gru_forward(x, W[:, :9], U[:, :9], b[:9])
    with pytest.raises(ValueError, match="simple_rnn_forward.*batch, time steps"):
        R.simple_rnn_forward(x[0], W[:, :3], U[:, :3], b[:3])


# --- embedding --------------------------------------------------------------------------------

def test_embedding():
    rng = np.random.default_rng(0)
    Wt = rng.normal(size=(7, 3))
    ids = rng.integers(0, 7, size=(4, 5))
    ids[0, :3] = 2                                        # repeated rows add up
    out, cache = R.embedding_forward(ids, Wt)
    np.testing.assert_array_equal(out, np.array([[Wt[i] for i in row] for row in ids]))
    project = random_projection(rng, out)
    assert gradcheck(R.embedding_forward, R.embedding_backward, [ids, Wt], project) < TOL
    with pytest.raises(ValueError, match=r"embedding_forward.*\[0, 7\)"):
        R.embedding_forward(np.array([0, 7]), Wt)
    # float ids holding integers (as Keras accepts) work
    np.testing.assert_array_equal(R.embedding_forward(ids.astype(float), Wt)[0], out)


# --- attention --------------------------------------------------------------------------------

ATT_CASES = [
    # q shape, k shape, v shape, mask shape or None
    ((2, 3, 4), (2, 5, 4), (2, 5, 2), None),
    ((2, 3, 4), (2, 5, 4), (2, 5, 2), (2, 3, 5)),
    ((2, 2, 3, 4), (2, 2, 5, 4), (2, 2, 5, 3), (2, 1, 1, 5)),          # padding mask, broadcast
    ((1, 2, 4, 3), (1, 2, 4, 3), (1, 2, 4, 3), (4, 4)),                # look-ahead mask
    ((3, 4), (6, 4), (6, 2), (3, 6)),                                  # no batch axis
    ((2, 3, 4), (1, 5, 4), (1, 5, 2), None),                           # broadcast keys/values
]


def att_mask(rng, shape, qk):
    if shape is None:
        return None
    if len(shape) == 2 and shape[0] == shape[1]:
        return np.tril(np.ones(shape, bool))                           # causal
    m = rng.uniform(size=shape) < 0.6
    m[..., 0] = True
    return m


@pytest.mark.parametrize("qs,ks,vs,ms", ATT_CASES)
def test_attention_forward_and_gradcheck(qs, ks, vs, ms):
    rng = np.random.default_rng(len(qs) + qs[-1] + (0 if ms is None else len(ms)))
    q, k, v = rng.normal(size=qs), rng.normal(size=ks), rng.normal(size=vs)
    mask = att_mask(rng, ms, (qs[-2], ks[-2]))
    (ctx, w), _ = R.scaled_dot_product_attention_forward(q, k, v, mask=mask)
    ref_ctx, ref_w = loop_attention(q, k, v, mask)
    np.testing.assert_allclose(ctx, ref_ctx, rtol=1e-10, atol=1e-12)
    np.testing.assert_allclose(w, ref_w, rtol=1e-10, atol=1e-12)
    if mask is not None:
        assert np.all(np.broadcast_to(~mask, w.shape) <= (w < 1e-12))
    fwd = R.scaled_dot_product_attention_forward
    bwd = R.scaled_dot_product_attention_backward
    # the context only, then context and weights together
    Gc = rng.normal(size=ctx.shape)
    assert gradcheck(fwd, bwd, [q, k, v],
                     lambda o, grad=False: Gc if grad else float(np.sum(Gc * o[0])),
                     mask=mask) < TOL
    project = random_projection(rng, (ctx, w))
    assert gradcheck(fwd, bwd, [q, k, v], project, mask=mask) < TOL


def test_attention_fully_masked_row_is_uniform_and_errors():
    rng = np.random.default_rng(1)
    q, k, v = rng.normal(size=(2, 4)), rng.normal(size=(3, 4)), rng.normal(size=(3, 2))
    mask = np.array([[True, False, True], [False, False, False]])
    (ctx, w), _ = R.scaled_dot_product_attention_forward(q, k, v, mask=mask)
    np.testing.assert_allclose(w[1], np.full(3, 1 / 3))
    with pytest.raises(ValueError, match="mask of shape"):
        R.scaled_dot_product_attention_forward(q, k, v, mask=np.ones((3, 3), bool))
    with pytest.raises(ValueError, match="scaled_dot_product_attention_forward"):
        R.scaled_dot_product_attention_forward(q, k[:, :3], v)


def test_attention_dropout_mask():
    rng = np.random.default_rng(5)
    q, k, v = rng.normal(size=(2, 3, 4)), rng.normal(size=(2, 5, 4)), rng.normal(size=(2, 5, 2))
    drop = (rng.uniform(size=(2, 3, 5)) < 0.7) / 0.7
    mask = rng.uniform(size=(2, 3, 5)) < 0.7
    mask[..., 0] = True
    (ctx, w), _ = R.scaled_dot_product_attention_forward(q, k, v, mask=mask, dropout_mask=drop)
    _, ref_w = loop_attention(q, k, v, mask)
    np.testing.assert_allclose(w, ref_w, rtol=1e-10, atol=1e-12)
    np.testing.assert_allclose(ctx, (ref_w * drop) @ v, rtol=1e-10, atol=1e-12)
    project = random_projection(rng, (ctx, w))
    assert gradcheck(R.scaled_dot_product_attention_forward,
                     R.scaled_dot_product_attention_backward, [q, k, v], project,
                     mask=mask, dropout_mask=drop) < TOL


@pytest.mark.parametrize("kind", ["rnn", "lstm", "gru"])
def test_need_dx_false_skips_only_the_input_gradient(kind):
    rng = np.random.default_rng(11)
    x, W, U, b, states, mask = problem(rng, kind, 2, 3, 4, 3, True, True)
    fwd = {"rnn": R.simple_rnn_forward, "lstm": R.lstm_forward, "gru": R.gru_forward}[kind]
    bwd = {"rnn": R.simple_rnn_backward, "lstm": R.lstm_backward, "gru": R.gru_backward}[kind]
    out, cache = fwd(x, W, U, b, *states, mask=mask)
    out2, cache2 = fwd(x, W, U, b, *states, mask=mask, need_dx=False)
    dout = (rng.normal(size=(2, 3, 3)), None) if kind == "lstm" else rng.normal(size=(2, 3, 3))
    full, part = bwd(dout, cache), bwd(dout, cache2)
    assert part[0] is None
    for g, h in zip(full[1:], part[1:]):
        np.testing.assert_array_equal(g, h)


@pytest.mark.skipif(not R.keep_freed_memory(), reason="needs Linux with glibc")
def test_repeated_passes_reuse_memory():
    """After the first pass, forward + backward reuse freed memory instead of faulting in fresh
    pages (about 2,400 page faults per pass at this size without keep_freed_memory)."""
    import resource
    rng = np.random.default_rng(12)
    x = rng.normal(size=(64, 30, 64)).astype(np.float32)
    W, U = (rng.normal(size=s).astype(np.float32) * 0.1 for s in [(64, 256), (64, 256)])
    b = np.zeros(256, np.float32)
    g = rng.normal(size=(64, 30, 64)).astype(np.float32)

    def run():
        out, cache = R.lstm_forward(x, W, U, b)
        R.lstm_backward((g, None), cache)
    for _ in range(3):
        run()
    before = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
    for _ in range(5):
        run()
    assert (resource.getrusage(resource.RUSAGE_SELF).ru_minflt - before) / 5 < 300
