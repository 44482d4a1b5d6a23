"""Embedding(mask_zero=True) masks the padding for the recurrent layers after it, as in Keras:
padded steps carry the state over unchanged, in eager calls, in functional models (through
Dropout), in training (gradients) and in a model rebuilt from its configuration."""
from __future__ import annotations

import numpy as np
import pytest

from utils import nn
from utils.architecture import rebuild_model
from utils.nn.rnn_layers import GRU, LSTM, Embedding, SimpleRNN
from utils.nn.tensor import Tensor

from test_nn_seq_layers import TOL, graph_gradcheck, projection


@pytest.fixture(autouse=True)
def float64():
    previous = nn.get_default_dtype()
    nn.set_default_dtype(np.float64)
    nn.set_seed(0)
    yield
    nn.set_default_dtype(previous)


IDS = np.array([[3, 1, 4, 0, 0], [2, 5, 0, 0, 0], [1, 2, 3, 4, 5]])
LENGTHS = [3, 2, 5]


@pytest.mark.parametrize("cls", [SimpleRNN, LSTM, GRU])
def test_mask_zero_gives_the_state_of_the_unpadded_sentence(cls):
    emb = Embedding(6, 4, mask_zero=True)
    rnn = cls(3)
    out = rnn(emb(IDS)).data
    for row, length in enumerate(LENGTHS):
        alone = rnn(emb(IDS[row:row + 1, :length])).data
        np.testing.assert_allclose(out[row], alone[0], atol=1e-12)
    # without the mask the padded rows read the zero id's vector: a different state
    plain = Embedding(6, 4)
    plain.build()
    plain.set_weights(emb.get_weights())
    assert not np.allclose(rnn(plain(IDS)).data[0], out[0])
    assert emb.get_config()["mask_zero"] is True


def test_sequences_keep_the_mask_through_dropout_in_a_functional_model():
    inp = nn.Input(shape=(5,), dtype="int64")
    x = nn.Embedding(6, 4, mask_zero=True)(inp)
    x = nn.LSTM(3, return_sequences=True)(x)
    x = nn.Dropout(0.5)(x)
    x = nn.LSTM(2)(x)
    out = nn.Activation("softmax")(nn.Dense(2)(x))
    model = nn.Model(inp, out)
    probs = model.predict(IDS)
    for row, length in enumerate(LENGTHS):
        short_in = nn.Input(shape=(length,), dtype="int64")
        layers = model.layers[1:]
        y = short_in
        for layer in layers:
            y = layer(y)
        short = nn.Model(short_in, y)
        np.testing.assert_allclose(probs[row], short.predict(IDS[row:row + 1, :length])[0],
                                   atol=1e-12)
    # a copy rebuilt from the configuration masks too
    copy = rebuild_model(model.get_config(), model.get_weights())
    np.testing.assert_allclose(copy.predict(IDS), probs, atol=1e-12)


def test_masked_gradients_agree_with_finite_differences():
    rng = np.random.default_rng(3)
    emb = Embedding(6, 4, mask_zero=True, weights=[rng.normal(size=(6, 4))])
    lstm1, lstm2 = LSTM(3, return_sequences=True), LSTM(2)
    loss = projection(rng, (3, 2))
    fn = lambda: loss(lstm2(lstm1(emb(IDS))))          # noqa: E731
    fn()
    assert graph_gradcheck(fn, [emb.embeddings, *lstm1.weights, *lstm2.weights]) < TOL
    # the padded steps get no gradient: the zero id's row of the embedding stays untouched
    for t in [emb.embeddings, *lstm1.weights, *lstm2.weights]:
        t.grad = None
    fn().backward()
    np.testing.assert_array_equal(emb.embeddings.grad[0], 0.0)


@pytest.mark.parametrize("mask_zero", [True, False])
def test_training_a_masked_model_ignores_the_padding(mask_zero):
    inp = nn.Input(shape=(5,), dtype="int64")
    x = nn.Embedding(6, 4, mask_zero=mask_zero)(inp)
    out = nn.Activation("softmax")(nn.Dense(2)(nn.LSTM(3)(x)))
    model = nn.Model(inp, out)
    model.compile(optimizer=nn.Adam(0.01), loss="categorical_crossentropy")
    before = model.layers[1].get_weights()[0].copy()
    model.fit(IDS, np.eye(2)[[0, 1, 0]], epochs=2, batch_size=3, verbose=0)
    after = model.layers[1].get_weights()[0]
    # the padding id's vector matters only without the mask; the words' vectors are trained
    assert np.array_equal(after[0], before[0]) == mask_zero
    assert not np.allclose(after[1:], before[1:])
