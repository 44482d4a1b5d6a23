"""Tests of the sequence layers (utils.nn.rnn_layers, utils.nn.attention): outputs against
plain NumPy loops with the same weights, Keras's conventions (return_state, go_backwards,
weight shapes), gradients through the autograd graph against finite differences in float64,
shared weights over several calls, and error messages."""
from __future__ import annotations

import numpy as np
import pytest

from utils import nn
from utils.gradcheck import numerical_gradient, relative_error
from utils.nn import ops
from utils.nn.attention import MultiHeadAttention
from utils.nn.layers import LayerError
from utils.nn.rnn_layers import (GRU, LSTM, Bidirectional, Embedding, SimpleRNN,
                                 TimeDistributed)
from utils.nn.tensor import Tensor, no_grad

from test_nn_recurrent import loop_gru, loop_lstm, loop_simple_rnn

TOL = 1e-6


@pytest.fixture(autouse=True)
def float64():
    previous = nn.get_default_dtype()
    nn.set_default_dtype(np.float64)
    nn.set_seed(0)
    yield
    nn.set_default_dtype(previous)


def leaf(a):
    return Tensor(np.asarray(a, dtype=np.float64), requires_grad=True)


def graph_gradcheck(fn, leaves):
    """fn() -> scalar Tensor computed from ``leaves`` (and layer weights among them); returns the
    worst relative error between autograd's gradients and centred differences."""
    for t in leaves:
        t.grad = None
    fn().backward()
    worst = 0.0
    for t in leaves:
        assert t.grad is not None, t.name
        with no_grad():
            num = numerical_gradient(lambda: float(fn().data), t.data)
        if np.abs(num).max() < 1e-7 and np.abs(t.grad).max() < 1e-7:
            continue        # a zero gradient (attention's key bias shifts whole rows of logits)
        worst = max(worst, relative_error(num, t.grad))
    return worst


def projection(rng, *shapes):
    Gs = [Tensor(rng.normal(size=s)) for s in shapes]

    def loss(*outs):
        total = None
        for G, o in zip(Gs, outs):
            term = (o * G).sum()
            total = term if total is None else total + term
        return total
    return loss


# --- recurrent layers against loops -----------------------------------------------------------

LOOPS = {SimpleRNN: loop_simple_rnn, GRU: loop_gru, LSTM: lambda *a, **k: loop_lstm(*a, **k)[0]}


@pytest.mark.parametrize("cls", [SimpleRNN, LSTM, GRU])
@pytest.mark.parametrize("go_backwards", [False, True])
def test_recurrent_layer_outputs(cls, go_backwards):
    rng = np.random.default_rng(1)
    x = rng.normal(size=(3, 5, 4))
    layer = cls(6, return_sequences=True, return_state=True, go_backwards=go_backwards)
    outs = layer(x)
    W, U, b = (w.data for w in layer.weights)
    assert W.shape[0] == 4 and U.shape[0] == 6
    aligned = LOOPS[cls](x, W, U, b, reverse=go_backwards)
    seq = outs[0].data
    last = aligned[:, 0] if go_backwards else aligned[:, -1]
    # Keras: a backwards layer's sequence is in reading order (its last entry read everything)
    np.testing.assert_allclose(seq, aligned[:, ::-1] if go_backwards else aligned, atol=1e-12)
    np.testing.assert_allclose(seq[:, -1], last, atol=1e-12)
    np.testing.assert_allclose(outs[1].data, last, atol=1e-12)
    assert len(outs) == (3 if cls is LSTM else 2)
    # return_sequences=False gives the last state
    single = cls(6, go_backwards=go_backwards)
    single(x)
    single.set_weights(layer.get_weights())
    np.testing.assert_allclose(single(x).data, last, atol=1e-12)


def test_keras_shapes_and_initial_biases():
    x = np.zeros((2, 3, 5))
    lstm, gru, rnn = LSTM(4), GRU(4), SimpleRNN(4)
    for layer in (lstm, gru, rnn):
        layer(x)
    assert [w.shape for w in lstm.weights] == [(5, 16), (4, 16), (16,)]
    assert [w.shape for w in gru.weights] == [(5, 12), (4, 12), (2, 12)]
    assert [w.shape for w in rnn.weights] == [(5, 4), (4, 4), (4,)]
    np.testing.assert_array_equal(lstm.bias.data, np.r_[np.zeros(4), np.ones(4), np.zeros(8)])
    U = rnn.recurrent_kernel.data                          # orthogonal
    np.testing.assert_allclose(U @ U.T, np.eye(4), atol=1e-12)
    assert lstm.weights[0].name.endswith("/kernel")


@pytest.mark.parametrize("cls", [SimpleRNN, LSTM, GRU])
def test_recurrent_layer_gradcheck_with_states_and_sharing(cls):
    """Gradients of all weights, the input and the initial state, with the layer called twice
    (weights shared): the second call starts from the first call's final state."""
    rng = np.random.default_rng(2)
    layer = cls(3, return_sequences=True, return_state=True)
    x1, x2 = leaf(rng.normal(size=(2, 4, 3))), leaf(rng.normal(size=(2, 2, 3)))
    n_states = 2 if cls is LSTM else 1
    states = [leaf(rng.normal(size=(2, 3))) for _ in range(n_states)]
    layer(x1.data)                                          # build
    loss = projection(rng, (2, 4, 3), (2, 2, 3), (2, 3), (2, 3))

    def f():
        out1, *final = layer(x1, initial_state=states)
        out2, *final2 = layer(x2, initial_state=final[-n_states:] if cls is LSTM else final[:1])
        return loss(out1, out2, final2[0], final2[-1])
    assert graph_gradcheck(f, [x1, x2, *states, *layer.weights]) < TOL


@pytest.mark.parametrize("merge_mode", ["concat", "sum", "mul", "ave"])
def test_bidirectional(merge_mode):
    rng = np.random.default_rng(3)
    x = rng.normal(size=(2, 4, 3))
    bi = Bidirectional(LSTM(5, return_sequences=True), merge_mode=merge_mode)
    out = bi(x).data
    assert len(bi.weights) == 6
    fw = loop_lstm(x, *(w.data for w in bi.forward_layer.weights))[0]
    bw = loop_lstm(x, *(w.data for w in bi.backward_layer.weights), reverse=True)[0]
    expected = {"concat": np.concatenate([fw, bw], axis=-1), "sum": fw + bw, "mul": fw * bw,
                "ave": (fw + bw) / 2}[merge_mode]
    np.testing.assert_allclose(out, expected, atol=1e-12)
    xt = leaf(x)
    loss = projection(rng, out.shape)
    assert graph_gradcheck(lambda: loss(bi(xt)), [xt, *bi.weights]) < TOL


def test_bidirectional_last_states_and_return_state():
    rng = np.random.default_rng(4)
    x = rng.normal(size=(2, 4, 3))
    bi = Bidirectional(GRU(2, return_state=True))
    out, h_fw, h_bw = bi(x)
    fw = loop_gru(x, *(w.data for w in bi.forward_layer.weights))
    bw = loop_gru(x, *(w.data for w in bi.backward_layer.weights), reverse=True)
    np.testing.assert_allclose(out.data, np.concatenate([fw[:, -1], bw[:, 0]], axis=-1))
    np.testing.assert_allclose(h_bw.data, bw[:, 0])


# --- Embedding, TimeDistributed -----------------------------------------------------------

def test_embedding_layer():
    rng = np.random.default_rng(5)
    E = rng.normal(size=(6, 3))
    emb = Embedding(6, 3, weights=[E], trainable=False)
    ids = np.array([[1, 1, 5], [0, 2, 1]])
    np.testing.assert_array_equal(emb(ids).data, E[ids])
    assert emb.trainable_weights == [] and len(emb.weights) == 1
    # the course's pattern: build, then set_weights
    emb2 = Embedding(6, 3)
    emb2.build((None,))
    emb2.set_weights([E])
    np.testing.assert_array_equal(emb2(ids.astype(float)).data, E[ids])
    # gradients: repeated ids add up
    emb3 = Embedding(6, 3)
    loss = projection(rng, (2, 3, 3))
    emb3(ids)
    assert graph_gradcheck(lambda: loss(emb3(ids)), emb3.weights) < TOL
    with pytest.raises(LayerError, match=r"embedding.*vocabulary of 6 rows.*0 to 6"):
        emb3(np.array([[0, 6]]))
    with pytest.raises(ValueError, match=r"Embedding: weights must have shape \(6, 3\)"):
        Embedding(6, 3, weights=[E.T])


def test_time_distributed():
    rng = np.random.default_rng(6)
    x = leaf(rng.normal(size=(2, 4, 3)))
    td = TimeDistributed(nn.Dense(5, activation="tanh"))
    y = td(x)
    W, b = (w.data for w in td.weights)
    np.testing.assert_allclose(y.data, np.tanh(x.data @ W + b), atol=1e-12)
    loss = projection(rng, (2, 4, 5))
    assert graph_gradcheck(lambda: loss(td(x)), [x, *td.weights]) < TOL
    with pytest.raises(LayerError, match="TimeDistributed"):
        td(np.zeros((2, 3)))


# --- MultiHeadAttention -----------------------------------------------------------------------

def reference_mha(query, value, key, weights, mask=None):
    """Per-head loops over plain NumPy with Keras's weight layout."""
    Wq, bq, Wk, bk, Wv, bv, Wo, bo = weights
    m, Tq, _ = query.shape
    h = Wq.shape[1]
    out = np.zeros((m, Tq, Wo.shape[-1]))
    scores = np.zeros((m, h, Tq, key.shape[1]))
    for n in range(m):
        for j in range(h):
            q = query[n] @ Wq[:, j] + bq[j]
            k = key[n] @ Wk[:, j] + bk[j]
            v = value[n] @ Wv[:, j] + bv[j]
            s = q @ k.T / np.sqrt(q.shape[-1])
            if mask is not None:
                s = np.where(mask[n], s, -1e9)
            a = np.exp(s - s.max(axis=1, keepdims=True))
            a /= a.sum(axis=1, keepdims=True)
            scores[n, j] = a
            out[n] += (a @ v) @ Wo[j]
        out[n] += bo
    return out, scores


@pytest.mark.parametrize("with_mask", [False, True])
@pytest.mark.parametrize("separate_key", [False, True])
def test_multi_head_attention(with_mask, separate_key):
    rng = np.random.default_rng(7)
    query = leaf(rng.normal(size=(2, 3, 4)))
    value = leaf(rng.normal(size=(2, 5, 6)))
    key = leaf(rng.normal(size=(2, 5, 2))) if separate_key else None
    mask = None
    if with_mask:
        mask = rng.uniform(size=(2, 3, 5)) < 0.6
        mask[..., 0] = True
    mha = MultiHeadAttention(num_heads=2, key_dim=3, value_dim=2)
    out, scores = mha(query, value, key, attention_mask=mask, return_attention_scores=True)
    assert out.shape == (2, 3, 4) and scores.shape == (2, 2, 3, 5)
    assert [w.shape for w in mha.weights] == [(4, 2, 3), (2, 3), (2 if separate_key else 6, 2, 3),
                                              (2, 3), (6, 2, 2), (2, 2), (2, 2, 4), (4,)]
    for w in mha.weights:                      # non-zero biases, so that they are tested
        w.data[...] = rng.normal(size=w.shape) * 0.5
    out, scores = mha(query, value, key, attention_mask=mask, return_attention_scores=True)
    ref_out, ref_scores = reference_mha(query.data, value.data,
                                        (key if separate_key else value).data,
                                        [w.data for w in mha.weights], mask)
    np.testing.assert_allclose(out.data, ref_out, atol=1e-12)
    np.testing.assert_allclose(scores.data, ref_scores, atol=1e-12)
    loss = projection(rng, out.shape, scores.shape)
    leaves = [query, value] + ([key] if separate_key else []) + mha.weights

    def f():
        return loss(*mha(query, value, key, attention_mask=mask, return_attention_scores=True))
    assert graph_gradcheck(f, leaves) < TOL
    loss1 = projection(rng, out.shape)
    assert graph_gradcheck(lambda: loss1(mha(query, value, key, attention_mask=mask)),
                           leaves) < TOL


def test_multi_head_attention_causal_mask_dropout_and_errors():
    rng = np.random.default_rng(8)
    x = rng.normal(size=(2, 4, 6))
    mha = MultiHeadAttention(num_heads=3, key_dim=2, dropout=0.5, seed=1)
    _, scores = mha(x, x, use_causal_mask=True, return_attention_scores=True)
    assert np.all(scores.data[..., np.triu_indices(4, 1)[0], np.triu_indices(4, 1)[1]] < 1e-12)
    look_ahead = np.tril(np.ones((4, 4)))[None]          # 1/0 floats as the transformer uses
    out_a, s_a = mha(x, x, x, look_ahead, return_attention_scores=True)
    np.testing.assert_allclose(s_a.data, scores.data)
    # dropout only while training; the weights returned are those before dropout
    o1 = mha(x, x, training=True).data
    o2 = mha(x, x).data
    assert not np.allclose(o1, o2)
    with pytest.raises(LayerError, match=r"multi_head_attention.*attention_mask of shape"):
        mha(x, x, attention_mask=np.ones((2, 3, 3), bool))
    with pytest.raises(LayerError, match=r"built for .*6"):
        mha(x[..., :5], x[..., :5])


# --- errors and graphs ---------------------------------------------------------------------

def test_recurrent_errors_name_layer_and_shapes():
    lstm = LSTM(4, name="decoder")
    with pytest.raises(LayerError, match=r"'decoder' \(LSTM\).*\(m, T, n\).*\(None, 3\)"):
        lstm(np.zeros((2, 3)))
    with pytest.raises(LayerError, match=r"'decoder' \(LSTM\) takes initial_state=\[h, c\]"):
        lstm(np.zeros((2, 3, 5)), initial_state=[np.zeros((2, 4))])
    with pytest.raises(LayerError, match=r"'decoder' \(LSTM\) has 4 units"):
        lstm(np.zeros((2, 3, 5)), initial_state=[np.zeros((2, 3)), np.zeros((2, 3))])
    lstm(np.zeros((2, 3, 5)))
    with pytest.raises(LayerError, match=r"'decoder' \(LSTM\) was built for 5 input features"):
        lstm(np.zeros((2, 3, 6)))
    with pytest.raises(ValueError, match="activation='tanh'"):
        GRU(3, activation="relu")


def test_symbolic_calls_with_initial_state():
    """The music notebook's pattern: one LSTM called on Input-based tensors with states."""
    x = nn.Input((1, 3))
    a0, c0 = nn.Input((4,)), nn.Input((4,))
    cell = LSTM(4, return_state=True)
    a, _, c = cell(x, initial_state=[a0, c0])
    a, _, c = cell(x, initial_state=[a, c])
    assert a.shape == (None, 4) and c.shape == (None, 4)
    assert len(cell.weights) == 3
    if not hasattr(nn, "Model"):
        pytest.skip("utils.nn.Model not merged yet")
    model = nn.Model(inputs=[x, a0, c0], outputs=[a, c])
    rng = np.random.default_rng(9)
    xs, h, cs = rng.normal(size=(2, 1, 3)), rng.normal(size=(2, 4)), rng.normal(size=(2, 4))
    out_a, out_c = model([xs, h, cs]) if callable(model) else model.predict([xs, h, cs])
    W, U, b = (w.data for w in cell.weights)
    h1, c1 = loop_lstm(xs, W, U, b, h, cs)
    h1 = h1[:, -1]
    h2, c2 = loop_lstm(xs, W, U, b, h1, c1)
    np.testing.assert_allclose(np.asarray(out_a), h2[:, -1], atol=1e-10)
    np.testing.assert_allclose(np.asarray(out_c), c2, atol=1e-10)


@pytest.mark.parametrize("cls", [SimpleRNN, LSTM, GRU])
def test_recurrent_layer_mask(cls):
    """Padded steps (mask False) leave the state unchanged: a right-padded sequence ends in the
    same state as the unpadded one; gradients stay correct."""
    rng = np.random.default_rng(10)
    x = rng.normal(size=(2, 5, 3))
    mask = np.array([[True, True, True, False, False], [True] * 5])
    layer = cls(4, return_state=True)
    out, h, *_ = layer(x, mask=mask)
    short = layer(x[:1, :3])[0]
    np.testing.assert_allclose(out.data[0], short.data[0], atol=1e-12)
    xt = leaf(x)
    loss = projection(rng, (2, 4))
    assert graph_gradcheck(lambda: loss(layer(xt, mask=mask)[0]), [xt, *layer.weights]) < TOL
    bi = Bidirectional(cls(2, return_sequences=True))
    assert bi(x, mask=mask).shape == (2, 5, 4)
    with pytest.raises(LayerError, match=r"mask must be \(m, T\) = \(2, 5\)"):
        layer(x, mask=mask[:, :4])
