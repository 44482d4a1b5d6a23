"""The Transformer (c5w4a1): positional encodings, masks, attention, encoder and decoder.

The course's reference answers of ``c5w4a1_transformer`` (guarded by ``TAUGHT_IN``: the
notebook that teaches them cannot import this module).

Mask convention (the whole course, as :mod:`utils.nn.attention`): **1 = keep, 0 = hide**.
``mask[..., i, j] == 1`` lets query i attend to key j; a hidden logit gets ``(1 - mask) * -1e9``
added before the softmax, so its weight is 0.

    create_padding_mask(ids)          (m, T) ids -> (m, 1, T), 1 where ids != 0
    create_look_ahead_mask(T)         (1, T, T), lower-triangular ones (i may see j <= i)

The layers are functions on symbolic tensors (``nn.Input``, to describe a model) or on
arrays / tensors (computed at once), built from :mod:`utils.nn` (Keras names and weights).
Every kernel starts from ``initializer`` (seeded: the same shape gets the same weights).  The
blocks are post-LN, as in Vaswani et al. (2017): ``LayerNorm(x + Sublayer(x))``.  Each head
has size ``key_dim = d_model // num_heads`` (the paper's choice).
"""
from __future__ import annotations

import numpy as np

from utils import nn
from utils.testing import course_reference

TAUGHT_IN = ("c5w4a1_transformer",)

__all__ = ["get_angles", "positional_encoding", "create_padding_mask", "create_look_ahead_mask",
           "scaled_dot_product_attention", "FullyConnected", "EncoderLayer", "Encoder",
           "DecoderLayer", "Decoder", "Transformer", "transformer_inputs"]

_INIT = nn.initializers.GlorotUniform(seed=0)


@course_reference
def get_angles(pos, k, d):
    """pos / 10000^(2 i / d) with i = k // 2.

    pos -- (P, 1) positions; k -- (1, d) indices of the encoding's features; d -- its size
    Returns (P, d).
    """
    i = k // 2
    return pos / np.power(10000, 2 * i / np.float32(d))


@course_reference
def positional_encoding(positions, d):
    """Sines on the even features, cosines on the odd ones: (1, positions, d), float32."""
    angles = get_angles(np.arange(positions)[:, np.newaxis], np.arange(d)[np.newaxis, :], d)
    angles = np.array(angles, dtype=np.float64)
    angles[:, 0::2] = np.sin(angles[:, 0::2])
    angles[:, 1::2] = np.cos(angles[:, 1::2])
    return angles[np.newaxis, ...].astype(np.float32)


@course_reference
def create_padding_mask(decoder_token_ids):
    """(m, n) token ids (0 = padding) -> (m, 1, n) float32: 1 where the id is a token."""
    ids = np.asarray(decoder_token_ids)
    return (ids != 0).astype(np.float32)[:, np.newaxis, :]


@course_reference
def create_look_ahead_mask(sequence_length):
    """(1, T, T) float32: entry (i, j) is 1 when j <= i (position i may see itself and the past)."""
    return np.tril(np.ones((1, sequence_length, sequence_length), dtype=np.float32))


@course_reference
def scaled_dot_product_attention(q, k, v, mask):
    """softmax(q k^T / sqrt(d_k) + (1 - mask) * -1e9) v.

    q (..., Tq, d_k), k (..., Tk, d_k), v (..., Tk, d_v); mask None or broadcastable to
    (..., Tq, Tk), 1 = keep, 0 = hide.
    Returns output (..., Tq, d_v) and attention_weights (..., Tq, Tk).
    """
    d_k = k.shape[-1]
    logits = np.matmul(q, np.swapaxes(k, -1, -2)) / np.sqrt(d_k)
    if mask is not None:
        logits = logits + (1.0 - mask) * -1e9
    logits = logits - logits.max(axis=-1, keepdims=True)
    e = np.exp(logits)
    weights = e / e.sum(axis=-1, keepdims=True)
    return np.matmul(weights, v), weights


def FullyConnected(embedding_dim, fully_connected_dim, initializer=_INIT):
    """The position-wise feed-forward network: Dense(fully_connected_dim, relu) ->
    Dense(embedding_dim), as a list of the two layers (apply them in order)."""
    return [nn.Dense(fully_connected_dim, activation="relu", kernel_initializer=initializer),
            nn.Dense(embedding_dim, kernel_initializer=initializer)]


def _ffn(x, embedding_dim, fully_connected_dim, initializer):
    for layer in FullyConnected(embedding_dim, fully_connected_dim, initializer):
        x = layer(x)
    return x


def _mha(num_heads, embedding_dim, dropout_rate, initializer):
    return nn.MultiHeadAttention(num_heads=num_heads, key_dim=embedding_dim // num_heads,
                                 dropout=dropout_rate, kernel_initializer=initializer)


@course_reference
def EncoderLayer(x, mask, num_heads, embedding_dim, fully_connected_dim, dropout_rate=0.1,
                 layernorm_eps=1e-6, training=None, initializer=_INIT):
    """Self-attention and a feed-forward network, each with a residual and a layer norm.

    x (m, T, embedding_dim); mask (m, 1, T) padding mask or None.  Returns (m, T, embedding_dim).
    """
    attn = _mha(num_heads, embedding_dim, dropout_rate, initializer)(
        x, x, x, attention_mask=mask, training=training)
    skip = nn.LayerNormalization(epsilon=layernorm_eps)(nn.Add()([x, attn]))
    ffn = _ffn(skip, embedding_dim, fully_connected_dim, initializer)
    ffn = nn.Dropout(dropout_rate)(ffn, training=training)
    return nn.LayerNormalization(epsilon=layernorm_eps)(nn.Add()([skip, ffn]))


def _embed(x, vocab_size, embedding_dim, max_positions, dropout_rate, training, initializer):
    T = x.shape[1]
    if T > max_positions:
        raise ValueError(f"sequences of {T} tokens, but only {max_positions} positions are "
                         "encoded")
    x = nn.Embedding(vocab_size, embedding_dim, embeddings_initializer=initializer)(x)
    x = nn.Rescaling(np.sqrt(embedding_dim))(x)
    x = nn.AddConstant(positional_encoding(max_positions, embedding_dim)[:, :T, :])(x)
    return nn.Dropout(dropout_rate)(x, training=training)


@course_reference
def Encoder(x, mask, num_layers, embedding_dim, num_heads, fully_connected_dim,
            input_vocab_size, maximum_position_encoding, dropout_rate=0.1, layernorm_eps=1e-6,
            training=None, initializer=_INIT):
    """Embedding * sqrt(embedding_dim) + positional encoding, dropout, num_layers EncoderLayers.

    x (m, T) token ids; mask (m, 1, T) or None.  Returns (m, T, embedding_dim).
    """
    x = _embed(x, input_vocab_size, embedding_dim, maximum_position_encoding, dropout_rate,
               training, initializer)
    for _ in range(num_layers):
        x = EncoderLayer(x, mask, num_heads, embedding_dim, fully_connected_dim, dropout_rate,
                         layernorm_eps, training, initializer)
    return x


@course_reference
def DecoderLayer(x, enc_output, look_ahead_mask, padding_mask, num_heads, embedding_dim,
                 fully_connected_dim, dropout_rate=0.1, layernorm_eps=1e-6, training=None,
                 initializer=_INIT):
    """Masked self-attention, cross-attention on the encoder's output, a feed-forward network;
    each with a residual and a layer norm.

    x (m, Ty, embedding_dim); enc_output (m, Tx, embedding_dim); look_ahead_mask (1, Ty, Ty);
    padding_mask (m, 1, Tx).  Returns out (m, Ty, embedding_dim) and the attention weights of
    the two blocks, (m, num_heads, Ty, Ty) and (m, num_heads, Ty, Tx).
    """
    a1, w1 = _mha(num_heads, embedding_dim, dropout_rate, initializer)(
        x, x, x, attention_mask=look_ahead_mask, return_attention_scores=True, training=training)
    q1 = nn.LayerNormalization(epsilon=layernorm_eps)(nn.Add()([x, a1]))
    a2, w2 = _mha(num_heads, embedding_dim, dropout_rate, initializer)(
        q1, enc_output, enc_output, attention_mask=padding_mask, return_attention_scores=True,
        training=training)
    q2 = nn.LayerNormalization(epsilon=layernorm_eps)(nn.Add()([q1, a2]))
    ffn = _ffn(q2, embedding_dim, fully_connected_dim, initializer)
    ffn = nn.Dropout(dropout_rate)(ffn, training=training)
    out = nn.LayerNormalization(epsilon=layernorm_eps)(nn.Add()([q2, ffn]))
    return out, w1, w2


@course_reference
def Decoder(x, enc_output, look_ahead_mask, padding_mask, num_layers, embedding_dim, num_heads,
            fully_connected_dim, target_vocab_size, maximum_position_encoding, dropout_rate=0.1,
            layernorm_eps=1e-6, training=None, initializer=_INIT):
    """Embedding * sqrt(embedding_dim) + positional encoding, dropout, num_layers DecoderLayers.

    Returns x (m, Ty, embedding_dim) and a dict of attention weights:
    'decoder_layer{i}_block1_self_att' (m, h, Ty, Ty), 'decoder_layer{i}_block2_decenc_att'
    (m, h, Ty, Tx), i = 1..num_layers.
    """
    x = _embed(x, target_vocab_size, embedding_dim, maximum_position_encoding, dropout_rate,
               training, initializer)
    attention_weights = {}
    for i in range(num_layers):
        x, w1, w2 = DecoderLayer(x, enc_output, look_ahead_mask, padding_mask, num_heads,
                                 embedding_dim, fully_connected_dim, dropout_rate,
                                 layernorm_eps, training, initializer)
        attention_weights[f"decoder_layer{i + 1}_block1_self_att"] = w1
        attention_weights[f"decoder_layer{i + 1}_block2_decenc_att"] = w2
    return x, attention_weights


def transformer_inputs(input_length, target_length):
    """The five inputs of a Transformer model: encoder ids (m, Tx), decoder ids (m, Ty),
    encoder padding mask (m, 1, Tx), look-ahead mask (m, Ty, Ty), decoder padding mask
    (m, 1, Tx)."""
    return [nn.Input((input_length,)), nn.Input((target_length,)), nn.Input((1, input_length)),
            nn.Input((target_length, target_length)), nn.Input((1, input_length))]


@course_reference
def Transformer(num_layers, embedding_dim, num_heads, fully_connected_dim, input_vocab_size,
                target_vocab_size, max_positional_encoding_input,
                max_positional_encoding_target, dropout_rate=0.1, layernorm_eps=1e-6,
                initializer=_INIT):
    """An encoder-decoder Transformer as an nn.Model.

    Inputs (a list of five arrays): encoder ids (m, Tx), decoder ids (m, Ty), encoder padding
    mask (m, 1, Tx), look-ahead mask (m or 1, Ty, Ty), decoder padding mask (m, 1, Tx), with
    Tx = max_positional_encoding_input and Ty = max_positional_encoding_target.
    Output: probabilities (m, Ty, target_vocab_size) (a Dense softmax on the decoder's output).
    """
    inputs = transformer_inputs(max_positional_encoding_input, max_positional_encoding_target)
    enc_ids, dec_ids, enc_mask, look_ahead, dec_mask = inputs
    enc = Encoder(enc_ids, enc_mask, num_layers, embedding_dim, num_heads, fully_connected_dim,
                  input_vocab_size, max_positional_encoding_input, dropout_rate, layernorm_eps,
                  initializer=initializer)
    dec, _ = Decoder(dec_ids, enc, look_ahead, dec_mask, num_layers, embedding_dim, num_heads,
                     fully_connected_dim, target_vocab_size, max_positional_encoding_target,
                     dropout_rate, layernorm_eps, initializer=initializer)
    probs = nn.Dense(target_vocab_size, activation="softmax", kernel_initializer=initializer)(dec)
    return nn.Model(inputs=inputs, outputs=probs, name="Transformer")
