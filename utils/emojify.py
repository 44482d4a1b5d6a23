"""Reference answers of c5w2a2 (Emojify): the averaging classifier and the LSTM classifier.

The notebook that teaches them must not import this module (its grading sandbox does not hold
it); its given helpers are in ``utils/emojify_data.py``.  Later notebooks and the hidden tests
import it freely.

Shapes: a sentence is a str; X is a list of m sentences; Y is (m,) integer labels 0..4;
word_to_vec_map maps a word to a (n_h,) vector; word_to_index maps a word to 1..V (0 is the
padding index).
"""
from __future__ import annotations

import numpy as np

from utils import nn
from utils.emojify_data import convert_to_one_hot, softmax
from utils.testing import course_reference

TAUGHT_IN = ("c5w2a2_emojify",)

__all__ = ["sentence_to_avg", "model", "predict_avg", "sentences_to_indices",
           "pretrained_embedding_layer", "Emojify_V2"]


@course_reference
def sentence_to_avg(sentence, word_to_vec_map):
    """The average of the GloVe vectors of the sentence's known words (zeros if none).

    sentence -- str, split on white space after lower-casing; unknown words are skipped
    Returns avg -- np.ndarray (n_h,)
    """
    any_word = next(iter(word_to_vec_map))
    avg = np.zeros(word_to_vec_map[any_word].shape)
    count = 0
    for w in sentence.lower().split():
        if w in word_to_vec_map:
            avg += word_to_vec_map[w]
            count += 1
    return avg / count if count > 0 else avg


@course_reference
def model(X, Y, word_to_vec_map, learning_rate=0.01, num_iterations=400):
    """Softmax regression on sentence averages, trained by SGD one sentence at a time.

    np.random.seed(1); W = np.random.randn(5, n_h) / sqrt(n_h); b = zeros (5,); then
    num_iterations passes over i = 0..m-1: z = W avg + b, a = softmax(z), dz = a - y_onehot,
    W -= lr * outer(dz, avg), b -= lr * dz.  Prints the cost of the last sentence every 100.
    Returns W (5, n_h), b (5,).
    """
    np.random.seed(1)
    n_y = 5
    any_word = next(iter(word_to_vec_map))
    n_h = word_to_vec_map[any_word].shape[0]
    W = np.random.randn(n_y, n_h) / np.sqrt(n_h)
    b = np.zeros((n_y,))
    Y_oh = convert_to_one_hot(Y, C=n_y)
    for t in range(num_iterations):
        for i in range(len(X)):
            avg = sentence_to_avg(X[i], word_to_vec_map)
            a = softmax(W @ avg + b)
            cost = -np.sum(Y_oh[i] * np.log(a))
            dz = a - Y_oh[i]
            W = W - learning_rate * np.outer(dz, avg)
            b = b - learning_rate * dz
        if t % 100 == 0:
            print(f"Epoch: {t} --- cost = {cost:.6f}")
    return W, b


def predict_avg(X, W, b, word_to_vec_map):
    """Labels (m,) predicted by the averaging model (W, b) for the sentences X."""
    avgs = np.array([sentence_to_avg(s, word_to_vec_map) for s in X]).reshape(len(X), -1)
    return np.argmax(avgs @ W.T + b, axis=1)


@course_reference
def sentences_to_indices(X, word_to_index, max_len):
    """(m, max_len) array of word indices: the sentence's known words in order, then zeros.

    Each sentence is lower-cased and split on white space; unknown words are skipped, and
    at most max_len words are kept.
    """
    X_indices = np.zeros((len(X), max_len))
    for i, sentence in enumerate(X):
        j = 0
        for w in sentence.lower().split():
            if w in word_to_index and j < max_len:
                X_indices[i, j] = word_to_index[w]
                j += 1
    return X_indices


@course_reference
def pretrained_embedding_layer(word_to_vec_map, word_to_index):
    """A frozen, built nn.Embedding whose row word_to_index[w] is the vector of w, row 0 zeros.

    Weights: (len(word_to_index) + 1, n_h).
    """
    vocab_size = len(word_to_index) + 1
    any_word = next(iter(word_to_vec_map))
    emb_dim = word_to_vec_map[any_word].shape[0]
    emb_matrix = np.zeros((vocab_size, emb_dim))
    for word, idx in word_to_index.items():
        emb_matrix[idx, :] = word_to_vec_map[word]
    layer = nn.Embedding(vocab_size, emb_dim, trainable=False)
    layer.build((None,))
    layer.set_weights([emb_matrix])
    return layer


@course_reference
def Emojify_V2(input_shape, word_to_vec_map, word_to_index):
    """Input(input_shape) -> frozen GloVe Embedding -> LSTM(128, return_sequences=True) ->
    Dropout(0.5) -> LSTM(128) -> Dropout(0.5) -> Dense(5) -> softmax, as an nn.Model."""
    sentence_indices = nn.Input(shape=input_shape, dtype="int64")
    embeddings = pretrained_embedding_layer(word_to_vec_map, word_to_index)(sentence_indices)
    X = nn.LSTM(128, return_sequences=True)(embeddings)
    X = nn.Dropout(0.5)(X)
    X = nn.LSTM(128, return_sequences=False)(X)
    X = nn.Dropout(0.5)(X)
    X = nn.Dense(5)(X)
    X = nn.Activation("softmax")(X)
    return nn.Model(inputs=sentence_indices, outputs=X)
