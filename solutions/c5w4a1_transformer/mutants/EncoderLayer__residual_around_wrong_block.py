# Mistake: the second residual adds the layer's input x instead of the feed-forward network's input.
import numpy as np
def EncoderLayer(x, mask, num_heads, embedding_dim, fully_connected_dim, dropout_rate=0.1,
                 layernorm_eps=1e-6, training=None,
                 initializer=nn.initializers.GlorotUniform(seed=0)):
    """One encoder layer: self-attention and a feed-forward network, each followed by a
    residual connection and a layer normalisation (post-LN).

    Arguments:
    x -- input of shape (m, T, embedding_dim) (symbolic, Tensor or array)
    mask -- padding mask of shape (m, 1, T) (1 = keep, 0 = hide), or None
    num_heads -- number of attention heads h (embedding_dim must be a multiple of h)
    embedding_dim -- d_model, the size of each position's vector
    fully_connected_dim -- the hidden size of the feed-forward network
    dropout_rate -- the rate of the attention's dropout and of the Dropout after the FFN
    layernorm_eps -- the epsilon of both LayerNormalization layers
    training -- given to the attention and the Dropout: True, False or None (follow the model)
    initializer -- the kernel_initializer of the attention and of the Dense layers

    Returns:
    encoder_layer_out -- (m, T, embedding_dim)
    """
    attn_output = nn.MultiHeadAttention(num_heads=num_heads, key_dim=embedding_dim // num_heads,
                                        dropout=dropout_rate,
                                        kernel_initializer=initializer)(
        x, x, x, attention_mask=mask, training=training)
    skip_x_attention = nn.LayerNormalization(epsilon=layernorm_eps)(
        nn.Add()([x, attn_output]))
    ffn_output = feed_forward(skip_x_attention, embedding_dim, fully_connected_dim, initializer)
    ffn_output = nn.Dropout(dropout_rate)(ffn_output, training=training)
    encoder_layer_out = nn.LayerNormalization(epsilon=layernorm_eps)(
        nn.Add()([x, ffn_output]))
    return encoder_layer_out
