# Mistake: the embeddings are not multiplied by sqrt(embedding_dim) before the positional encodings are added.
import numpy as np
def Encoder(x, mask, num_layers, embedding_dim, num_heads, fully_connected_dim,
            input_vocab_size, maximum_position_encoding, dropout_rate=0.1, layernorm_eps=1e-6,
            training=None, initializer=nn.initializers.GlorotUniform(seed=0)):
    """The Transformer's encoder.

    Arguments:
    x -- token ids of shape (m, T), T <= maximum_position_encoding (symbolic or array)
    mask -- padding mask (m, 1, T) (1 = keep), or None
    num_layers -- number of encoder layers
    embedding_dim, num_heads, fully_connected_dim, dropout_rate, layernorm_eps, training,
    initializer -- as in EncoderLayer (initializer also starts the Embedding)
    input_vocab_size -- size of the input vocabulary
    maximum_position_encoding -- the number of positions encoded

    Returns:
    x -- (m, T, embedding_dim)
    """
    seq_len = x.shape[1]
    pos_encoding = positional_encoding(maximum_position_encoding, embedding_dim)
    x = nn.Embedding(input_vocab_size, embedding_dim, embeddings_initializer=initializer)(x)
    x = nn.AddConstant(pos_encoding[:, :seq_len, :])(x)
    x = nn.Dropout(dropout_rate)(x, training=training)
    for _ in range(num_layers):
        x = EncoderLayer(x, mask, num_heads, embedding_dim, fully_connected_dim, dropout_rate,
                         layernorm_eps, training, initializer)
    return x
