"""End-to-end checks of the sequence layers inside utils.nn models, in the patterns the course's
sequence notebooks use: an embedding + stacked LSTM classifier (Emojify), an attention decoder
with shared layers called once per output step (date translation), a shared LSTM cell with
initial states in a functional graph (music), and a transformer encoder block."""
from __future__ import annotations

import numpy as np
import pytest

from utils import nn
from utils.nn.attention import MultiHeadAttention
from utils.nn.rnn_layers import GRU, LSTM, Bidirectional, Embedding, TimeDistributed
from utils.nn.tensor import Tensor


@pytest.fixture(autouse=True)
def seeded():
    nn.clear_session()
    nn.set_seed(1)


def test_embedding_lstm_classifier_learns():
    rng = np.random.default_rng(0)
    V, T, m = 20, 8, 400
    X = rng.integers(1, V, size=(m, T))
    y = np.zeros(m, int)
    y[(X == 3).any(1)] = 1
    y[(X == 5).any(1) & (y == 0)] = 2
    inp = nn.Input((T,), dtype="int64")
    h = Embedding(V, 8, weights=[rng.normal(size=(V, 8))], trainable=False)(inp)
    h = LSTM(16, return_sequences=True)(h)
    h = nn.Dropout(0.2)(h)
    h = LSTM(16)(h)
    out = nn.Dense(3, activation="softmax")(h)
    model = nn.Model(inp, out)
    model.compile(optimizer=nn.Adam(0.01), loss="categorical_crossentropy",
                  metrics=["accuracy"])
    frozen = model.get_layer("embedding").embeddings.data.copy()
    hist = model.fit(X, np.eye(3)[y], epochs=10, batch_size=32, verbose=0)
    assert hist.history["loss"][-1] < 0.2 * hist.history["loss"][0]
    assert hist.history["accuracy"][-1] > 0.95
    np.testing.assert_array_equal(model.get_layer("embedding").embeddings.data, frozen)
    assert model.predict(X[:5]).shape == (5, 3)


def test_attention_decoder_with_shared_layers():
    """One attention step and one post-attention LSTM, each called Ty times (shared weights)."""
    Tx, Ty, n_a, n_s, vocab_in, vocab_out = 6, 3, 4, 8, 7, 5
    repeator = nn.RepeatVector(Tx)
    concatenator = nn.Concatenate(axis=-1)
    densor1 = nn.Dense(6, activation="tanh")
    densor2 = nn.Dense(1, activation="relu")
    activator = nn.Softmax(axis=1)
    dotor = nn.Dot(axes=1)
    post_lstm = LSTM(n_s, return_state=True)
    output_layer = nn.Dense(vocab_out, activation="softmax")

    def one_step_attention(a, s_prev):
        s_prev = repeator(s_prev)
        e = densor1(concatenator([a, s_prev]))
        alphas = activator(densor2(e))
        return dotor([alphas, a])

    X = nn.Input((Tx, vocab_in))
    s0, c0 = nn.Input((n_s,)), nn.Input((n_s,))
    s, c = s0, c0
    a = Bidirectional(LSTM(n_a, return_sequences=True))(X)
    outputs = []
    for _ in range(Ty):
        context = one_step_attention(a, s)
        s, _, c = post_lstm(context, initial_state=[s, c])
        outputs.append(output_layer(s))
    model = nn.Model(inputs=[X, s0, c0], outputs=outputs)
    # weights: 2 x 3 (Bidirectional) + 3 (post LSTM) + 2 + 2 + 2 (three Dense layers)
    assert len(model.weights) == 15
    assert post_lstm.kernel.shape == (2 * n_a, 4 * n_s)
    rng = np.random.default_rng(1)
    m = 4
    x = np.eye(vocab_in)[rng.integers(0, vocab_in, size=(m, Tx))]
    z = np.zeros((m, n_s))
    preds = model.predict([x, z, z])
    assert len(preds) == Ty and preds[0].shape == (m, vocab_out)
    np.testing.assert_allclose(sum(p.sum() for p in preds), Ty * m, rtol=1e-5)
    ys = [np.eye(vocab_out)[rng.integers(0, vocab_out, size=m)] for _ in range(Ty)]
    model.compile(optimizer=nn.Adam(0.01), loss="categorical_crossentropy")
    hist = model.fit([x, z, z], ys, epochs=30, batch_size=m, verbose=0)
    assert hist.history["loss"][-1] < hist.history["loss"][0]


class TakeStep(nn.Layer):
    """x[:, t, :] as a layer (symbolic tensors cannot be indexed)."""

    def __init__(self, t, **kwargs):
        super().__init__(**kwargs)
        self.t = t

    def call(self, x):
        return x[:, self.t, :]


def test_shared_lstm_cell_over_steps_matches_one_call():
    """The music notebook's loop: one LSTM cell applied step by step with its own states
    gives the same states as one call over the whole sequence."""
    Tx, n_values, n_a, m = 5, 6, 7, 3
    rng = np.random.default_rng(2)
    cell = LSTM(n_a, return_state=True)
    X = nn.Input((Tx, n_values))
    a0, c0 = nn.Input((n_a,)), nn.Input((n_a,))
    reshaper = nn.Reshape((1, n_values))
    a, c = a0, c0
    outs = []
    for t in range(Tx):
        x_t = TakeStep(t)(X)                       # X[:, t, :]
        a, _, c = cell(reshaper(x_t), initial_state=[a, c])
        outs.append(a)
    model = nn.Model([X, a0, c0], outs)
    x = rng.normal(size=(m, Tx, n_values))
    h0, cc0 = rng.normal(size=(m, n_a)), rng.normal(size=(m, n_a))
    states = model.predict([x, h0, cc0])
    whole = LSTM(n_a, return_sequences=True)
    whole(x)
    whole.set_weights(cell.get_weights())
    hs = whole(Tensor(x), initial_state=[Tensor(h0), Tensor(cc0)]).data
    for t in range(Tx):
        np.testing.assert_allclose(states[t], hs[:, t], rtol=1e-5, atol=1e-6)


def test_transformer_encoder_block_trains():
    rng = np.random.default_rng(3)
    m, T, d, V = 64, 6, 16, 10
    X = rng.integers(0, V, size=(m, T))
    y = np.eye(V)[X[:, ::-1]]                      # reverse the sequence: needs attention
    inp = nn.Input((T,), dtype="int64")
    x = Embedding(V, d)(inp)
    mha = MultiHeadAttention(num_heads=2, key_dim=8)
    attn = mha(x, x)
    x = nn.LayerNormalization(epsilon=1e-6)(nn.Add()([x, attn]))
    ffn = nn.Dense(32, activation="relu")(x)
    x = nn.LayerNormalization(epsilon=1e-6)(nn.Add()([x, nn.Dense(d)(ffn)]))
    out = TimeDistributed(nn.Dense(V, activation="softmax"))(x)
    model = nn.Model(inp, out)
    model.compile(optimizer=nn.Adam(0.01), loss="categorical_crossentropy")
    hist = model.fit(X, y, epochs=5, batch_size=16, verbose=0)
    assert hist.history["loss"][-1] < hist.history["loss"][0]
    assert len(mha.weights) == 8


def test_gru_bidirectional_sequence_tagger():
    rng = np.random.default_rng(4)
    m, T, n = 32, 7, 3
    x = rng.normal(size=(m, T, n))
    y = (np.cumsum(x[..., :1], axis=1) > 0).astype(float)     # needs the past: recurrence
    inp = nn.Input((T, n))
    h = Bidirectional(GRU(8, return_sequences=True))(inp)
    out = TimeDistributed(nn.Dense(1, activation="sigmoid"))(h)
    model = nn.Model(inp, out)
    model.compile(optimizer=nn.Adam(0.02), loss="binary_crossentropy")
    hist = model.fit(x, y, epochs=20, batch_size=8, verbose=0)
    assert hist.history["loss"][-1] < 0.6 * hist.history["loss"][0]
