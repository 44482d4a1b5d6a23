# Mistake: the cross-attention's residual adds the layer's input x instead of Q1.
import numpy as np
def DecoderLayer(x, enc_output, look_ahead_mask, padding_mask, num_heads, embedding_dim,
                 fully_connected_dim, dropout_rate=0.1, layernorm_eps=1e-6, training=None,
                 initializer=nn.initializers.GlorotUniform(seed=0)):
    """One decoder layer: masked self-attention, cross-attention on the encoder's output and a
    feed-forward network, each followed by a residual connection and a layer norm (post-LN).

    Arguments:
    x -- the decoder's input (m, Ty, embedding_dim)
    enc_output -- the encoder's output (m, Tx, embedding_dim)
    look_ahead_mask -- (1 or m, Ty, Ty), 1 = keep
    padding_mask -- (m, 1, Tx), the encoder's padding mask, 1 = keep
    num_heads, embedding_dim, fully_connected_dim, dropout_rate, layernorm_eps, training,
    initializer -- as in EncoderLayer

    Returns:
    out3 -- (m, Ty, embedding_dim)
    attn_weights_block1 -- self-attention weights (m, num_heads, Ty, Ty)
    attn_weights_block2 -- cross-attention weights (m, num_heads, Ty, Tx)
    """
    mha1 = nn.MultiHeadAttention(num_heads=num_heads, key_dim=embedding_dim // num_heads,
                                 dropout=dropout_rate, kernel_initializer=initializer)
    mha2 = nn.MultiHeadAttention(num_heads=num_heads, key_dim=embedding_dim // num_heads,
                                 dropout=dropout_rate, kernel_initializer=initializer)
    mult_attn_out1, attn_weights_block1 = mha1(x, x, x, attention_mask=look_ahead_mask,
                                               return_attention_scores=True, training=training)
    Q1 = nn.LayerNormalization(epsilon=layernorm_eps)(nn.Add()([x, mult_attn_out1]))
    mult_attn_out2, attn_weights_block2 = mha2(Q1, enc_output, enc_output,
                                               attention_mask=padding_mask,
                                               return_attention_scores=True, training=training)
    Q2 = nn.LayerNormalization(epsilon=layernorm_eps)(nn.Add()([x, mult_attn_out2]))
    ffn_output = feed_forward(Q2, embedding_dim, fully_connected_dim, initializer)
    ffn_output = nn.Dropout(dropout_rate)(ffn_output, training=training)
    out3 = nn.LayerNormalization(epsilon=layernorm_eps)(nn.Add()([Q2, ffn_output]))
    return out3, attn_weights_block1, attn_weights_block2
