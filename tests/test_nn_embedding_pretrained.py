"""Embedding(weights=...) is built at once: its matrix is there before the first call (c5w2a2)."""
import numpy as np

from utils import nn


def test_embedding_with_weights_is_built_at_once():
    E = np.arange(12, dtype=np.float64).reshape(4, 3)
    emb = nn.Embedding(4, 3, weights=[E], trainable=False)
    assert emb.built
    (W,) = emb.get_weights()
    np.testing.assert_array_equal(W, E)
    assert emb.trainable_weights == [] and emb.count_params() == 12
    # calling it does not build it again (the matrix stays the given one)
    np.testing.assert_array_equal(emb(np.array([[3, 0]])).numpy(), E[[[3, 0]]])
    # in a model, the matrix is the given one and counts as non-trainable
    inp = nn.Input((2,), dtype="int64")
    model = nn.Model(inp, nn.Embedding(4, 3, weights=[E], trainable=False)(inp))
    np.testing.assert_array_equal(model.get_weights()[0], E)
    assert model.trainable_weights == []


def test_embedding_without_weights_still_builds_lazily():
    nn.set_seed(0)
    emb = nn.Embedding(5, 2)
    assert not emb.built and emb.get_weights() == []
    emb(np.array([[1]]))
    assert emb.get_weights()[0].shape == (5, 2)
