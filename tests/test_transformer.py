"""The Transformer's reference (utils/transformer.py), the course's mask convention (1 = keep,
0 = hide, across the NumPy reference and utils.nn.attention) and nn.AddConstant."""
from __future__ import annotations

import numpy as np
import pytest

from utils import nn
from utils import transformer as T
from utils.nn.attention import MultiHeadAttention, dot_product_attention
from utils.nn.layers import LayerError
from utils.nn.tensor import Tensor

# float64: the autouse fixture of the gradient-checked layer tests (float64, seed 0)
from test_nn_seq_layers import float64, graph_gradcheck, leaf  # noqa: F401


def test_positional_encoding_formula():
    P, d = 7, 10
    pe = T.positional_encoding(P, d)
    assert pe.shape == (1, P, d) and pe.dtype == np.float32
    for pos in range(P):
        for k in range(d):
            angle = pos / 10000 ** (2 * (k // 2) / d)
            want = np.sin(angle) if k % 2 == 0 else np.cos(angle)
            assert abs(pe[0, pos, k] - want) < 1e-6
    assert T.get_angles(np.arange(3)[:, None], np.arange(4)[None, :], 4).shape == (3, 4)


def test_masks_keep_is_one():
    ids = np.array([[5, 3, 0, 0], [0, 7, 2, 0], [1, 1, 1, 1]])
    pad = T.create_padding_mask(ids)
    assert pad.shape == (3, 1, 4) and pad.dtype == np.float32
    np.testing.assert_array_equal(pad[:, 0], (ids != 0).astype(np.float32))
    look = T.create_look_ahead_mask(4)
    assert look.shape == (1, 4, 4)
    # row i = query i: it may see keys j <= i
    np.testing.assert_array_equal(look[0], np.tril(np.ones((4, 4))))


def test_masked_keys_get_zero_weight_numpy_and_framework_agree():
    """The same mask (1 = keep) gives the same weights in the NumPy reference, the framework's
    tensor function and MultiHeadAttention; hidden keys get weight 0 at every position."""
    rng = np.random.default_rng(0)
    ids = np.array([[4, 0, 2, 9, 0], [1, 2, 3, 0, 0], [0, 6, 6, 6, 6]])
    mask = T.create_padding_mask(ids)                           # (3, 1, 5)
    q, k, v = rng.normal(size=(3, 4, 6)), rng.normal(size=(3, 5, 6)), rng.normal(size=(3, 5, 2))
    out, w = T.scaled_dot_product_attention(q, k, v, mask)
    assert out.shape == (3, 4, 2) and w.shape == (3, 4, 5)
    np.testing.assert_allclose(w.sum(-1), 1, atol=1e-12)
    assert np.all(w[np.broadcast_to(mask == 0, w.shape)] < 1e-12)
    out2, w2 = dot_product_attention(Tensor(q), Tensor(k), Tensor(v), mask, return_weights=True)
    np.testing.assert_allclose(out2.numpy(), out, atol=1e-10)
    np.testing.assert_allclose(w2.numpy(), w, atol=1e-10)
    # boolean masks mean the same
    out3 = dot_product_attention(Tensor(q), Tensor(k), Tensor(v), mask.astype(bool))
    np.testing.assert_allclose(out3.numpy(), out, atol=1e-10)
    # MultiHeadAttention: the scores of hidden keys are 0 for every head and query
    x = rng.normal(size=(3, 5, 8))
    mha = MultiHeadAttention(num_heads=2, key_dim=4)
    _, scores = mha(x, x, attention_mask=mask, return_attention_scores=True)
    hidden = np.broadcast_to((mask == 0)[:, None], scores.shape)
    assert np.all(scores.numpy()[hidden] < 1e-12)
    assert np.all(scores.numpy()[~hidden] > 0)


def test_look_ahead_mask_hides_the_future_in_mha():
    rng = np.random.default_rng(1)
    x = rng.normal(size=(2, 4, 6))
    mha = MultiHeadAttention(num_heads=3, key_dim=2)
    _, s1 = mha(x, x, attention_mask=T.create_look_ahead_mask(4), return_attention_scores=True)
    _, s2 = mha(x, x, use_causal_mask=True, return_attention_scores=True)
    np.testing.assert_allclose(s1.numpy(), s2.numpy(), atol=1e-12)
    assert np.all(np.triu(np.ones((4, 4)), 1)[None, None] * s1.numpy() < 1e-12)
    # changing a later position leaves earlier outputs alone
    x2 = x.copy()
    x2[:, 3] += 5
    o1 = mha(x, x, attention_mask=T.create_look_ahead_mask(4)).numpy()
    o2 = mha(x2, x2, attention_mask=T.create_look_ahead_mask(4)).numpy()
    np.testing.assert_allclose(o1[:, :3], o2[:, :3], atol=1e-12)


def test_add_constant_layer_and_errors():
    c = np.arange(6.0).reshape(1, 3, 2)
    layer = nn.AddConstant(c)
    x = leaf(np.ones((2, 3, 2)))
    np.testing.assert_allclose(layer(x).numpy(), 1 + np.broadcast_to(c, (2, 3, 2)))
    assert graph_gradcheck(lambda: (layer(x) * x).sum(), [x]) < 1e-7
    assert nn.AddConstant(**layer.get_config())(np.zeros((1, 3, 2))).shape == (1, 3, 2)
    with pytest.raises(LayerError, match="AddConstant"):
        layer(np.zeros((2, 4, 2)))


def test_encoder_layer_residual_and_gradients():
    """A post-LN encoder layer on tensors: each position normalised (mean 0 with gamma 1,
    beta 0), padded keys ignored, and its backward pass matches centred differences."""
    rng = np.random.default_rng(2)
    x = leaf(rng.normal(size=(2, 4, 8)))
    mask = T.create_padding_mask(np.array([[1, 2, 0, 0], [3, 3, 3, 0]]))
    init = nn.initializers.GlorotUniform(seed=3)
    out = T.EncoderLayer(x, mask, 2, 8, 16, dropout_rate=0.0, initializer=init)
    np.testing.assert_allclose(out.numpy().mean(-1), 0, atol=1e-8)
    inp = nn.Input((4, 8))
    model = nn.Model(inp, T.EncoderLayer(inp, mask, 2, 8, 16, dropout_rate=0.0,
                                         initializer=init))
    y = model(x)
    G = rng.normal(size=y.shape)
    assert graph_gradcheck(lambda: (model(x) * G).sum(), [x] + model.trainable_weights[:3]) \
        < 1e-5


def test_transformer_model_size_and_padding_invariance():
    """The demo's configuration has about 170k parameters; the tokens behind the encoder's
    padding do not change the output."""
    model = T.Transformer(2, 64, 4, 128, 37, 12, 30, 10, dropout_rate=0.0)
    assert 165_000 < model.count_params() < 175_000
    small = T.Transformer(1, 8, 2, 16, 9, 5, 6, 4, dropout_rate=0.0)
    rng = np.random.default_rng(4)
    enc = np.array([[3, 4, 5, 0, 0, 0], [1, 2, 0, 0, 0, 0]])
    dec = rng.integers(0, 5, size=(2, 4))

    def run(e):
        pad = T.create_padding_mask(enc)
        return small.predict([e, dec, pad, T.create_look_ahead_mask(4), pad])
    other = enc.copy()
    other[other == 0] = 7            # different tokens where the mask hides them
    np.testing.assert_allclose(run(enc), run(other), atol=1e-10)


def test_date_tokens_round_trip_and_greedy_loop():
    """utils.date_tokens: 0 is the encoder's padding and the decoder's start token; translate
    feeds back each chosen character (a fake model that copies the label's next id)."""
    from utils.date_tokens import DateCoder, teacher_input, translate
    coder = DateCoder(list(" 0123456789abc") + ["<unk>", "<pad>"], list("-0123456789"), 8, 4)
    ids = coder.encode(["1 ab", "zz"])
    assert ids.shape == (2, 8) and ids[0, 4:].tolist() == [0] * 4
    assert ids[1, :2].tolist() == [coder.unk] * 2 and coder.input_vocab_size == 16
    y = coder.labels(["12-3"])
    np.testing.assert_array_equal(teacher_input(y), [[0, y[0, 0], y[0, 1], y[0, 2]]])
    assert coder.decode(y) == ["12-3"]

    def predict(enc, dec):
        # position t answers (decoder input at t) + 1: only consistent if fed back
        probs = np.zeros(dec.shape + (coder.target_vocab_size,))
        nxt = np.minimum(dec + 1, coder.target_vocab_size - 1)
        np.put_along_axis(probs, nxt[..., None], 1.0, axis=-1)
        return probs
    assert translate(predict, coder, ["x", "y"]) == [coder.decode([[1, 2, 3, 4]])[0]] * 2
