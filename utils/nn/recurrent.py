"""Sequence primitives of ``utils.nn``: recurrent layers over whole sequences, embeddings,
attention.

Every primitive is a pair in the course's style::

    out, cache = <name>_forward(*arrays, **options)
    grads = <name>_backward(dout, cache)      # one gradient per array argument, None if not needed

Layout is batch-major, as in Keras: a sequence is ``x`` of shape ``(N, T, F)`` (batch, time
steps, features); hidden states are ``(N, units)``.  Weights use Keras's names and shapes, so a
layer of ``utils.nn`` and a Keras layer with the same weights compute the same numbers:

=============  =====================  =========================  ===================
layer          ``kernel``             ``recurrent_kernel``       ``bias``
=============  =====================  =========================  ===================
SimpleRNN      ``(F, u)``             ``(u, u)``                 ``(u,)``
LSTM           ``(F, 4u)``: i f c o   ``(u, 4u)``                ``(4u,)``
GRU            ``(F, 3u)``: z r h     ``(u, 3u)``                ``(2, 3u)``: input, recurrent
=============  =====================  =========================  ===================

The GRU is Keras's default variant (``reset_after=True``, the one cuDNN implements): the reset
gate multiplies the *projected* previous state, ``h~ = tanh(x W_h + b_h + r * (h U_h + b'_h))``,
and ``h = z * h_prev + (1 - z) * h~``.

The recurrent primitives are fused over the whole sequence: the input projection of all time
steps is one matrix product, each step costs one ``(k u, u) @ (u, N)`` product and a few
in-place element-wise operations on preallocated buffers, and back-propagation through time
stores the per-step pre-activation gradients so that the weight gradients are again one product
each.  The only Python loops run over time steps.  The LSTM and the GRU run feature-major
inside (states (u, N), gates (k u, N)), so that each gate is a contiguous block.  Computation
happens in the floating type of the inputs (float32 in training, float64 in gradient checks).

Optional arguments shared by the recurrent primitives:

* ``h0`` (and ``c0`` for the LSTM): the initial state, ``(N, u)``; zeros when omitted.  The
  backward returns one gradient per array the forward received: ``(dx, dkernel,
  drecurrent_kernel, dbias)``, then ``dh0`` (and ``dc0``) if they were passed (``None`` for a
  state passed as ``None``).
* ``mask`` (keyword): ``(N, T)`` booleans, False at padded steps.  A masked step leaves the state
  unchanged and outputs the carried hidden state.
* ``reverse`` (keyword): run from the last step to the first (for ``Bidirectional``); the
  outputs stay aligned with the inputs, ``out[:, t]`` is the state after reading ``x[:, t:]``.
* ``need_dx`` (keyword): False skips the input gradient (returned as None), one matrix product
  less when the input needs none (the first layer of a model, after a frozen embedding).
"""
from __future__ import annotations

import ctypes
import functools
import sys

import numpy as np

__all__ = [
    "simple_rnn_forward", "simple_rnn_backward",
    "lstm_forward", "lstm_backward",
    "gru_forward", "gru_backward",
    "embedding_forward", "embedding_backward",
    "scaled_dot_product_attention_forward", "scaled_dot_product_attention_backward",
    "softmax",
]

# The fused attention primitive computes what c5w4a1's students write themselves
# (autograder/offlimits.py; see also utils.nn.attention).
OFF_LIMITS = {"c5w4a1_transformer": {"scaled_dot_product_attention": (
    "scaled_dot_product_attention_forward",)}}


# --- memory -----------------------------------------------------------------------------------

def keep_freed_memory() -> bool:
    """Ask glibc's malloc to keep freed memory for reuse instead of returning it to the system.

    A forward and backward pass allocates and frees the same megabyte-sized buffers (gates,
    states, gradients) again and again.  By default glibc gives freed memory at the top of the
    heap back to the system once it exceeds a few megabytes, so every pass touches fresh pages:
    for an LSTM of 30 steps, 64 units and a batch of 64 that is about 2,400 page faults per
    forward + backward, which nearly doubled its time (8.5 ms instead of 4.5 ms on the course's
    machine).  Raising the trim threshold to 128 MB (and the size above which blocks are mapped
    separately to 32 MB) removes them.  The process keeps at most that much freed memory.

    Linux with glibc only; elsewhere (or if it fails) nothing changes.  Returns whether it took
    effect.  Called once when this module is imported.
    """
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL("libc.so.6")
        M_TRIM_THRESHOLD, M_MMAP_THRESHOLD = -1, -3
        return bool(libc.mallopt(M_MMAP_THRESHOLD, 32 << 20)) and \
            bool(libc.mallopt(M_TRIM_THRESHOLD, 128 << 20))
    except (OSError, AttributeError):
        return False


keep_freed_memory()


# --- helpers ----------------------------------------------------------------------------------

def _float_type(*arrays) -> np.dtype:
    """The floating type the computation runs in: float32 only if every input is float32."""
    dt = np.result_type(*[a for a in arrays if a is not None])
    return dt if dt in (np.float32, np.float64) else np.dtype(np.float64)


def _sigmoid_(a: np.ndarray) -> np.ndarray:
    """In-place logistic sigmoid, as 0.5 + 0.5 tanh(a / 2): no overflow, one transcendental call."""
    a *= 0.5
    np.tanh(a, out=a)
    a *= 0.5
    a += 0.5
    return a


def _check_sequence(name: str, x, kernel, recurrent_kernel, bias, k: int, bias_shape=None):
    """Shapes of a recurrent primitive's arguments; raises a ValueError naming the primitive."""
    x = np.asarray(x)
    if x.ndim != 3:
        raise ValueError(f"{name}: x must be (batch, time steps, features), got shape {x.shape}")
    N, T, F = x.shape
    u = recurrent_kernel.shape[0]
    if kernel.shape != (F, k * u) or recurrent_kernel.shape != (u, k * u):
        raise ValueError(
            f"{name}: with {F} input features and {u} units, kernel must be {(F, k * u)} and "
            f"recurrent_kernel {(u, k * u)}; got {kernel.shape} and {recurrent_kernel.shape}")
    want = bias_shape if bias_shape is not None else (k * u,)
    if bias.shape != want:
        raise ValueError(f"{name}: bias must have shape {want}, got {bias.shape}")
    return N, T, F, u


def _initial_state(name: str, state, N: int, u: int, dt, what: str = "h0") -> np.ndarray:
    if state is None:
        return np.zeros((N, u), dt)
    if state.shape != (N, u):
        raise ValueError(f"{name}: initial state {what} must be (batch, units) = {(N, u)}, "
                         f"got {state.shape}")
    return state


def _time_major_mask(name: str, mask, N: int, T: int, dt):
    """(N, T) booleans -> (T, N, 1) floats, or None."""
    if mask is None:
        return None
    mask = np.asarray(mask)
    if mask.shape != (N, T):
        raise ValueError(f"{name}: mask must be (batch, time steps) = {(N, T)}, got {mask.shape}")
    return np.ascontiguousarray(mask.T, dtype=dt)[:, :, None]


def _steps(T: int, reverse: bool):
    return range(T - 1, -1, -1) if reverse else range(T)


def _project_inputs(x, kernel, bias_row, dt) -> tuple[np.ndarray, np.ndarray]:
    """Time-major inputs X (T*N, F) and their projection X @ kernel + bias, (T, N, k)."""
    N, T, F = x.shape
    X = np.ascontiguousarray(x.transpose(1, 0, 2), dtype=dt).reshape(T * N, F)
    Z = X @ kernel.astype(dt, copy=False)
    Z += bias_row
    return X, Z.reshape(T, N, -1)


def _input_grads(X, dZ, kernel, N, T, F, need_dx=True):
    """dx (N, T, F) and dkernel (F, k) from the time-major pre-activation gradients dZ."""
    dZ2 = dZ.reshape(T * N, -1)
    dkernel = X.T @ dZ2
    if not need_dx:
        return None, dkernel
    dx = (dZ2 @ kernel.T).reshape(T, N, F).transpose(1, 0, 2)
    return np.ascontiguousarray(dx), dkernel


def _state_grads(states, given):
    """The gradients of the optional initial states, in the positions the caller used: one
    entry per state argument passed (None for a state passed as None), none for the rest."""
    n_passed, flags = given
    return tuple(g if flag else None for g, flag in zip(states, flags))[:n_passed]


# --- SimpleRNN --------------------------------------------------------------------------------

def simple_rnn_forward(x, kernel, recurrent_kernel, bias, h0=None, *, mask=None, reverse=False,
                       need_dx=True):
    """A tanh RNN over a whole sequence: h_t = tanh(x_t W + h_{t-1} U + b).

    Arguments:
    x -- (N, T, F); kernel W -- (F, u); recurrent_kernel U -- (u, u); bias b -- (u,)
    h0 -- optional initial state (N, u)

    Returns:
    out -- all hidden states, (N, T, u) (the last one is out[:, -1], or out[:, 0] if reverse)
    cache -- for simple_rnn_backward
    """
    N, T, F, u = _check_sequence("simple_rnn_forward", x, kernel, recurrent_kernel, bias, 1)
    dt = _float_type(x, kernel, recurrent_kernel, bias)
    h_init = _initial_state("simple_rnn_forward", h0, N, u, dt)
    M = _time_major_mask("simple_rnn_forward", mask, N, T, dt)
    U = recurrent_kernel.astype(dt, copy=False)
    X, H = _project_inputs(x, kernel, bias.astype(dt, copy=False), dt)   # H: pre-act, then states
    tmp = np.empty((N, u), dt)
    h = h_init.astype(dt, copy=False)
    for t in _steps(T, reverse):
        np.matmul(h, U, out=tmp)
        ht = H[t]
        ht += tmp
        np.tanh(ht, out=ht)
        if M is not None:                        # h_t = m h~ + (1 - m) h_{t-1}
            ht -= h
            ht *= M[t]
            ht += h
        h = ht
    out = np.ascontiguousarray(H.transpose(1, 0, 2))
    cache = (X, H, h_init, M, kernel, U, reverse, (int(h0 is not None), (h0 is not None,)),
             x.shape, need_dx)
    return out, cache


def simple_rnn_backward(dout, cache):
    """Back-propagation through time for simple_rnn_forward.

    Arguments:
    dout -- gradient of the loss with respect to out, (N, T, u)

    Returns:
    (dx, dkernel, drecurrent_kernel, dbias, dh0) -- dh0 only if h0 was given (else None); the
    tuple has one entry per array argument of the forward call
    """
    X, H, h_init, M, kernel, U, reverse, given, (N, T, F), need_dx = cache
    u = U.shape[0]
    dt = H.dtype
    dH = np.asarray(dout, dtype=dt).transpose(1, 0, 2)
    dA = np.empty_like(H)                        # gradients of the pre-activations
    dh = np.zeros((N, u), dt)
    UT = np.ascontiguousarray(U.T)
    order = list(_steps(T, reverse))
    for k in range(T - 1, -1, -1):
        t = order[k]
        dh += dH[t]
        da = dA[t]
        if M is not None:
            np.multiply(dh, M[t], out=da)        # through the update
            dh -= da                             # (1 - m) dh carried to h_{t-1}
            # h~ = H[t] only where m = 1, and there H[t] is the new state
            da *= 1 - H[t] * H[t]
            dh += da @ UT
        else:
            np.multiply(H[t], H[t], out=da)
            np.subtract(1, da, out=da)
            da *= dh
            np.matmul(da, UT, out=dh)
    dA2 = dA.reshape(T * N, u)
    drec = _previous_states(H, h_init, reverse).reshape(T * N, u).T @ dA2
    dbias = dA2.sum(axis=0)
    dx, dkernel = _input_grads(X, dA, kernel.astype(dt, copy=False), N, T, F, need_dx)
    return (dx, dkernel, drec, dbias) + _state_grads((dh,), given)


# --- LSTM -------------------------------------------------------------------------------------
#
# Internally the LSTM runs feature-major, states (u, N) and gates (4u, N), so that every gate is
# a contiguous block for the element-wise operations (column slices of an (N, 4u) array are
# strided and cost twice as much).  The gates are reordered o, i, f, c~: the three sigmoid gates
# are contiguous, and the sigmoid rows of the weights are halved so that one tanh call over all
# four gates gives sigmoid(z) = 0.5 + 0.5 tanh(z / 2) after an affine step.

@functools.lru_cache(maxsize=64)
def _lstm_perm(u: int) -> np.ndarray:
    """Keras's gate order i f c o -> o i f c."""
    return np.r_[3 * u:4 * u, 0:3 * u]


@functools.lru_cache(maxsize=64)
def _lstm_unperm(u: int) -> np.ndarray:
    """The inverse of _lstm_perm: o i f c -> i f c o."""
    return np.r_[u:4 * u, 0:u]


def lstm_forward(x, kernel, recurrent_kernel, bias, h0=None, c0=None, *, mask=None,
                 reverse=False, need_dx=True):
    """An LSTM over a whole sequence, Keras's gate order (i, f, c, o) and activations.

        z_t = x_t W + h_{t-1} U + b = [z_i, z_f, z_c, z_o]
        i, f, o = sigmoid(z_i), sigmoid(z_f), sigmoid(z_o);  c~ = tanh(z_c)
        c_t = f * c_{t-1} + i * c~;  h_t = o * tanh(c_t)

    Arguments:
    x -- (N, T, F); kernel W -- (F, 4u); recurrent_kernel U -- (u, 4u); bias b -- (4u,)
    h0, c0 -- optional initial hidden and cell states (N, u)

    Returns:
    out -- (hs, c_last): all hidden states (N, T, u) and the final cell state (N, u)
    cache -- for lstm_backward
    """
    name = "lstm_forward"
    N, T, F, u = _check_sequence(name, x, kernel, recurrent_kernel, bias, 4)
    dt = _float_type(x, kernel, recurrent_kernel, bias)
    h_init = np.ascontiguousarray(_initial_state(name, h0, N, u, dt, "h0").T, dtype=dt)
    c_init = np.ascontiguousarray(_initial_state(name, c0, N, u, dt, "c0").T, dtype=dt)
    M = _time_major_mask(name, mask, N, T, dt)
    if M is not None:
        M = M.reshape(T, 1, N)
    perm = _lstm_perm(u)
    half = np.ones((4 * u, 1), dt)
    half[:3 * u] = 0.5
    WT = np.ascontiguousarray(kernel[:, perm].T, dtype=dt) * half          # (4u, F)
    UT = np.ascontiguousarray(recurrent_kernel[:, perm].T, dtype=dt) * half  # (4u, u)
    Xt = np.ascontiguousarray(np.asarray(x, dtype=dt).transpose(1, 2, 0))   # (T, F, N)
    G = np.matmul(WT, Xt)                                                   # (T, 4u, N)
    G += bias[perm].astype(dt, copy=False)[:, None] * half
    H = np.empty((T, u, N), dt)
    C = np.empty((T, u, N), dt)
    TC = np.empty((T, u, N), dt)                 # tanh(c_t)
    tmp = np.empty((4 * u, N), dt)
    h, c = h_init, c_init
    for t in _steps(T, reverse):
        g = G[t]
        np.matmul(UT, h, out=tmp)
        g += tmp
        np.tanh(g, out=g)
        s = g[:3 * u]
        s *= 0.5
        s += 0.5
        o, i, f, cc = g[:u], g[u:2 * u], g[2 * u:3 * u], g[3 * u:]
        ct, tc, ht = C[t], TC[t], H[t]
        np.multiply(f, c, out=ct)
        np.multiply(i, cc, out=tc)
        ct += tc
        np.tanh(ct, out=tc)
        np.multiply(o, tc, out=ht)
        if M is not None:                        # masked steps carry (h, c) unchanged
            m = M[t]
            ct -= c
            ct *= m
            ct += c
            ht -= h
            ht *= m
            ht += h
        h, c = ht, ct
    hs = np.ascontiguousarray(H.transpose(2, 0, 1))
    cache = (Xt, G, H, C, TC, h_init, c_init, M, kernel, recurrent_kernel, reverse, need_dx,
             (2 if c0 is not None else int(h0 is not None), (h0 is not None, c0 is not None)))
    return (hs, np.ascontiguousarray(c.T)), cache


def lstm_backward(dout, cache):
    """Back-propagation through time for lstm_forward.

    Arguments:
    dout -- (dhs, dc_last): gradients with respect to the hidden states (N, T, u) and the final
            cell state (N, u); either may be None (zero).  A bare array is taken as dhs.

    Returns:
    (dx, dkernel, drecurrent_kernel, dbias, dh0, dc0) -- one entry per array argument of the
    forward call: dh0/dc0 only if h0/c0 were passed (None for one passed as None)
    """
    Xt, G, H, C, TC, h_init, c_init, M, kernel, recurrent_kernel, reverse, need_dx, given = cache
    T, F, N = Xt.shape
    u = H.shape[1]
    dt = G.dtype
    if isinstance(dout, (tuple, list)):
        dhs, dc_last = dout
    else:
        dhs, dc_last = dout, None
    dH = None if dhs is None else np.ascontiguousarray(
        np.asarray(dhs, dtype=dt).transpose(1, 2, 0))                       # (T, u, N)
    dc = np.zeros((u, N), dt) if dc_last is None else np.array(np.asarray(dc_last).T, dtype=dt)
    dh = np.zeros((u, N), dt)
    perm = _lstm_perm(u)
    Up = np.ascontiguousarray(recurrent_kernel[:, perm], dtype=dt)          # (u, 4u)
    dZ = np.empty_like(G)
    tmp = np.empty((u, N), dt)
    tmp3 = np.empty((3 * u, N), dt)
    order = list(_steps(T, reverse))
    for k in range(T - 1, -1, -1):
        t = order[k]
        c_prev = C[order[k - 1]] if k > 0 else c_init
        if dH is not None:
            dh += dH[t]
        if M is not None:
            m = M[t]
            dh_carry = dh * (1 - m)
            dc_carry = dc * (1 - m)
            dh *= m
            dc *= m
        g, dz, tc = G[t], dZ[t], TC[t]
        o, i, f, cc = g[:u], g[u:2 * u], g[2 * u:3 * u], g[3 * u:]
        do, di, df, dcc = dz[:u], dz[u:2 * u], dz[2 * u:3 * u], dz[3 * u:]
        # through h_t = o * tanh(c_t)
        np.multiply(dh, tc, out=do)
        np.multiply(tc, tc, out=tmp)
        np.subtract(1, tmp, out=tmp)
        tmp *= o
        tmp *= dh
        dc += tmp                                # dc_t, total
        # through c_t = f c_{t-1} + i c~
        np.multiply(dc, cc, out=di)
        np.multiply(dc, c_prev, out=df)
        np.multiply(dc, i, out=dcc)
        dc *= f                                  # dc_{t-1}
        # through the activations: sigmoid' = s (1 - s), tanh' = 1 - t^2
        s, ds = g[:3 * u], dz[:3 * u]
        np.subtract(1, s, out=tmp3)
        ds *= s
        ds *= tmp3
        np.multiply(cc, cc, out=tmp)
        np.subtract(1, tmp, out=tmp)
        dcc *= tmp
        np.matmul(Up, dz, out=dh)                # dh_{t-1}
        if M is not None:
            dh += dh_carry
            dc += dc_carry
    # weight gradients: one product each over all steps
    dx, dW, dZf = _fm_input_grads(Xt, dZ, kernel[:, perm], need_dx)
    Hf = np.ascontiguousarray(_previous_states(H, h_init, reverse).transpose(1, 0, 2))
    back = _lstm_unperm(u)
    dU = (Hf.reshape(u, T * N) @ dZf.T)[:, back]
    dW = dW[:, back]
    db = (dZf @ np.ones(T * N, dt))[back]        # a matrix-vector product sums fastest
    return (dx, dW, dU, db) + _state_grads((dh.T.copy(), dc.T.copy()), given)


def _previous_states(H, h_init, reverse):
    """(T, N, u): the state each step read, h_{t-1} (h_{t+1} when reverse)."""
    P = np.empty_like(H)
    if reverse:
        P[:-1] = H[1:]
        P[-1] = h_init
    else:
        P[1:] = H[:-1]
        P[0] = h_init
    return P


# --- GRU --------------------------------------------------------------------------------------
#
# Feature-major inside, as the LSTM: states (u, N), gates (3u, N) in Keras's order z, r, h.

def gru_forward(x, kernel, recurrent_kernel, bias, h0=None, *, mask=None, reverse=False,
                need_dx=True):
    """A GRU over a whole sequence, Keras's default variant (reset_after=True), gates z r h:

        [a_z, a_r, a_h] = x_t W + b[0];  [q_z, q_r, q_h] = h_{t-1} U + b[1]
        z = sigmoid(a_z + q_z);  r = sigmoid(a_r + q_r);  h~ = tanh(a_h + r * q_h)
        h_t = z * h_{t-1} + (1 - z) * h~

    Arguments:
    x -- (N, T, F); kernel W -- (F, 3u); recurrent_kernel U -- (u, 3u)
    bias b -- (2, 3u): row 0 the input bias, row 1 the recurrent bias
    h0 -- optional initial state (N, u)

    Returns:
    out -- all hidden states (N, T, u)
    cache -- for gru_backward
    """
    name = "gru_forward"
    N, T, F, u = _check_sequence(name, x, kernel, recurrent_kernel, bias, 3,
                                 (2, 3 * recurrent_kernel.shape[0]))
    dt = _float_type(x, kernel, recurrent_kernel, bias)
    h_init = np.ascontiguousarray(_initial_state(name, h0, N, u, dt).T, dtype=dt)
    M = _time_major_mask(name, mask, N, T, dt)
    if M is not None:
        M = M.reshape(T, 1, N)
    WT = np.ascontiguousarray(kernel.T, dtype=dt)                        # (3u, F)
    UT = np.ascontiguousarray(recurrent_kernel.T, dtype=dt)              # (3u, u)
    b_rec = bias[1].astype(dt)[:, None]
    Xt = np.ascontiguousarray(np.asarray(x, dtype=dt).transpose(1, 2, 0))   # (T, F, N)
    G = np.matmul(WT, Xt)                          # (T, 3u, N): a, then z, r, h~
    G += bias[0].astype(dt)[:, None]
    Q = np.empty_like(G)                           # h_{t-1} U + b[1] of every step
    H = np.empty((T, u, N), dt)
    tmp = np.empty((u, N), dt)
    h = h_init
    for t in _steps(T, reverse):
        g, q = G[t], Q[t]
        np.matmul(UT, h, out=q)
        q += b_rec
        zr = g[:2 * u]
        zr += q[:2 * u]
        _sigmoid_(zr)
        hh = g[2 * u:]
        np.multiply(g[u:2 * u], q[2 * u:], out=tmp)
        hh += tmp
        np.tanh(hh, out=hh)
        ht = H[t]                                  # h~ + z (h_{t-1} - h~)
        np.subtract(h, hh, out=ht)
        ht *= g[:u]
        ht += hh
        if M is not None:
            ht -= h
            ht *= M[t]
            ht += h
        h = ht
    hs = np.ascontiguousarray(H.transpose(2, 0, 1))
    cache = (Xt, G, H, Q, h_init, M, kernel, recurrent_kernel, reverse, need_dx,
             (int(h0 is not None), (h0 is not None,)))
    return hs, cache


def gru_backward(dout, cache):
    """Back-propagation through time for gru_forward.

    Arguments:
    dout -- gradient with respect to the hidden states, (N, T, u)

    Returns:
    (dx, dkernel, drecurrent_kernel, dbias, dh0) -- dbias is (2, 3u); dh0 as for lstm_backward
    """
    Xt, G, H, Q, h_init, M, kernel, recurrent_kernel, reverse, need_dx, given = cache
    T, F, N = Xt.shape
    u = H.shape[1]
    dt = G.dtype
    dH = np.ascontiguousarray(np.asarray(dout, dtype=dt).transpose(1, 2, 0))   # (T, u, N)
    dA = np.empty_like(G)                          # gradients of x W + b[0]
    dQ = np.empty_like(G)                          # gradients of h U + b[1]
    dh = np.zeros((u, N), dt)
    tmp = np.empty((u, N), dt)
    U = np.ascontiguousarray(recurrent_kernel, dtype=dt)                 # (u, 3u)
    order = list(_steps(T, reverse))
    for k in range(T - 1, -1, -1):
        t = order[k]
        h_prev = H[order[k - 1]] if k > 0 else h_init
        dh += dH[t]
        if M is not None:
            dh_carry = dh * (1 - M[t])
            dh *= M[t]
        g, da, dq, q = G[t], dA[t], dQ[t], Q[t]
        z, r, hh = g[:u], g[u:2 * u], g[2 * u:]
        dz, dr, dah = da[:u], da[u:2 * u], da[2 * u:]
        # a_h: dh (1 - z) (1 - h~^2)
        np.multiply(hh, hh, out=dah)
        np.subtract(1, dah, out=dah)
        np.subtract(1, z, out=tmp)
        dah *= tmp
        dah *= dh
        # z: dh (h_{t-1} - h~) z (1 - z)
        np.subtract(h_prev, hh, out=dz)
        dz *= dh
        dz *= z
        dz *= tmp
        # r: da_h q_h r (1 - r)
        np.multiply(dah, q[2 * u:], out=dr)
        dr *= r
        np.subtract(1, r, out=tmp)
        dr *= tmp
        dq[:2 * u] = da[:2 * u]
        np.multiply(dah, r, out=dq[2 * u:])
        dh *= z                                    # the direct path z * h_{t-1}
        np.matmul(U, dq, out=tmp)
        dh += tmp
        if M is not None:
            dh += dh_carry
    dx, dW, dAf = _fm_input_grads(Xt, dA, kernel, need_dx)
    dQf = np.ascontiguousarray(dQ.transpose(1, 0, 2)).reshape(3 * u, T * N)
    Hf = np.ascontiguousarray(_previous_states(H, h_init, reverse).transpose(1, 0, 2))
    dU = Hf.reshape(u, T * N) @ dQf.T
    ones = np.ones(T * N, dt)
    dbias = np.stack([dAf @ ones, dQf @ ones])
    return (dx, dW, dU, dbias) + _state_grads((np.ascontiguousarray(dh.T),), given)


def _fm_input_grads(Xt, dZ, kernel, need_dx=True):
    """Feature-major: dx (N, T, F), dkernel (F, k) and dZ as (k, T*N), from Xt (T, F, N) and the
    pre-activation gradients dZ (T, k, N); one matrix product each."""
    T, F, N = Xt.shape
    k = dZ.shape[1]
    dZf = np.ascontiguousarray(dZ.transpose(1, 0, 2)).reshape(k, T * N)
    Xf = np.ascontiguousarray(Xt.transpose(1, 0, 2)).reshape(F, T * N)
    dW = Xf @ dZf.T
    if not need_dx:
        return None, dW, dZf
    dx = np.ascontiguousarray(np.matmul(np.asarray(kernel, dtype=dZ.dtype), dZ)
                              .transpose(2, 0, 1))
    return dx, dW, dZf


# --- Embedding --------------------------------------------------------------------------------

def embedding_forward(ids, weights):
    """Look up rows of an embedding matrix.

    Arguments:
    ids -- integer array of any shape S, entries in [0, V)
    weights -- (V, D)

    Returns:
    out -- S + (D,): out[..., :] = weights[ids[...]]
    cache -- for embedding_backward
    """
    ids = np.asarray(ids)
    if ids.dtype.kind not in "iu":
        if ids.size and not np.all(np.mod(ids, 1) == 0):
            raise ValueError(f"embedding_forward: ids must be integers, got dtype {ids.dtype} "
                             "with fractional values")
        ids = ids.astype(np.int64)
    V = weights.shape[0]
    if ids.size and (ids.min() < 0 or ids.max() >= V):
        raise ValueError(f"embedding_forward: ids must lie in [0, {V}) for a vocabulary of {V} "
                         f"rows; found values from {ids.min()} to {ids.max()}")
    return weights[ids], (ids, weights.shape, weights.dtype)


def embedding_backward(dout, cache):
    """Gradient of embedding_forward: rows that were looked up several times add up.

    Returns:
    (None, dweights) -- no gradient for the integer ids; dweights (V, D)
    """
    ids, shape, dtype = cache
    dW = np.zeros(shape, dtype=np.result_type(dtype, np.asarray(dout).dtype))
    np.add.at(dW, ids.ravel(), np.asarray(dout).reshape(-1, shape[1]))
    return None, dW


# --- attention --------------------------------------------------------------------------------

MASK_VALUE = -1e9          # the logit a masked position gets (as Keras's masked softmax)


def softmax(s: np.ndarray, axis: int = -1) -> np.ndarray:
    """Numerically stable softmax along ``axis``."""
    e = np.exp(s - s.max(axis=axis, keepdims=True))
    e /= e.sum(axis=axis, keepdims=True)
    return e


def _unbroadcast(grad: np.ndarray, shape: tuple) -> np.ndarray:
    """Sum a gradient over the dimensions broadcasting added or stretched, back to ``shape``."""
    while grad.ndim > len(shape):
        grad = grad.sum(axis=0)
    for ax, n in enumerate(shape):
        if n == 1 and grad.shape[ax] != 1:
            grad = grad.sum(axis=ax, keepdims=True)
    return grad


def scaled_dot_product_attention_forward(q, k, v, *, mask=None, scale=None, dropout_mask=None):
    """softmax(q k^T / sqrt(d) masked) v over the last two axes, leading axes broadcast.

    Arguments:
    q -- queries (..., Tq, d); k -- keys (..., Tk, d); v -- values (..., Tk, dv)
    mask -- optional, broadcastable to (..., Tq, Tk): True (or 1) where a query may attend to a
            key; other logits become -1e9 (a row with no allowed key attends uniformly)
    scale -- the logit scale, 1 / sqrt(d) when omitted
    dropout_mask -- optional (training): the weights are multiplied by it before they weigh the
            values (inverted dropout: 0 or 1 / keep_prob), broadcastable to (..., Tq, Tk)

    Returns:
    out -- (context, weights): context (..., Tq, dv) and the attention weights (..., Tq, Tk)
           (before dropout, as Keras returns them)
    cache -- for scaled_dot_product_attention_backward
    """
    name = "scaled_dot_product_attention_forward"
    if q.ndim < 2 or k.ndim < 2 or v.ndim < 2 or q.shape[-1] != k.shape[-1] \
            or k.shape[-2] != v.shape[-2]:
        raise ValueError(f"{name}: need q (..., Tq, d), k (..., Tk, d), v (..., Tk, dv); got "
                         f"q {q.shape}, k {k.shape}, v {v.shape}")
    d = q.shape[-1]
    scale = 1.0 / np.sqrt(d) if scale is None else scale
    dt = _float_type(q, k, v)
    S = np.matmul(q, np.swapaxes(k, -1, -2)).astype(dt, copy=False)
    S *= dt.type(scale)
    keep = None
    if mask is not None:
        mask = np.asarray(mask)
        keep = mask if mask.dtype == bool else mask != 0
        try:
            S = np.where(keep, S, dt.type(MASK_VALUE))
        except ValueError:
            raise ValueError(f"{name}: mask of shape {mask.shape} does not broadcast to the "
                             f"attention logits {S.shape} (..., Tq, Tk)") from None
    A = softmax(S)
    Ad = A if dropout_mask is None else A * dropout_mask.astype(dt, copy=False)
    out = np.matmul(Ad, v)
    return (out, A), (q, k, v, A, Ad, keep, dropout_mask, dt.type(scale))


def scaled_dot_product_attention_backward(dout, cache):
    """Gradient of scaled_dot_product_attention_forward, with the softmax backward fused:
    dS = A * (dA - sum_j dA_j A_j).

    Arguments:
    dout -- dcontext (..., Tq, dv), or a pair (dcontext, dweights); either may be None

    Returns:
    (dq, dk, dv)
    """
    q, k, v, A, Ad, keep, dropout_mask, scale = cache
    dctx, dW = dout if isinstance(dout, (tuple, list)) else (dout, None)
    if dctx is None:
        dA = np.zeros_like(A)
        dv = np.zeros(np.broadcast_shapes(A.shape[:-2], v.shape[:-2]) + v.shape[-2:], A.dtype)
    else:
        dA = np.matmul(dctx, np.swapaxes(v, -1, -2))
        if dropout_mask is not None:
            dA *= dropout_mask
        dv = np.matmul(np.swapaxes(Ad, -1, -2), dctx)
    if dW is not None:
        dA = dA + dW
    dS = dA - (dA * A).sum(axis=-1, keepdims=True)
    dS *= A
    if keep is not None:
        dS = np.where(keep, dS, 0)
    dS *= scale
    dq = np.matmul(dS, k)
    dk = np.matmul(np.swapaxes(dS, -1, -2), q)
    return _unbroadcast(dq, q.shape), _unbroadcast(dk, k.shape), _unbroadcast(dv, v.shape)
