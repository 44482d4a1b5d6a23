# Mistake: the positional encodings are not added.
import numpy as np
def Decoder(x, enc_output, look_ahead_mask, padding_mask, num_layers, embedding_dim, num_heads,
            fully_connected_dim, target_vocab_size, maximum_position_encoding, dropout_rate=0.1,
            layernorm_eps=1e-6, training=None, initializer=nn.initializers.GlorotUniform(seed=0)):
    """The Transformer's decoder.

    Arguments:
    x -- the decoder's token ids (m, Ty), Ty <= maximum_position_encoding
    enc_output -- the encoder's output (m, Tx, embedding_dim)
    look_ahead_mask -- (1 or m, Ty, Ty); padding_mask -- (m, 1, Tx); both 1 = keep
    num_layers -- number of decoder layers
    target_vocab_size -- size of the target vocabulary
    maximum_position_encoding -- the number of positions encoded
    the others -- as in DecoderLayer

    Returns:
    x -- (m, Ty, embedding_dim)
    attention_weights -- dict: "decoder_layer{i}_block1_self_att" (m, h, Ty, Ty) and
                         "decoder_layer{i}_block2_decenc_att" (m, h, Ty, Tx), i = 1..num_layers
    """
    seq_len = x.shape[1]
    attention_weights = {}
    pos_encoding = positional_encoding(maximum_position_encoding, embedding_dim)
    x = nn.Embedding(target_vocab_size, embedding_dim, embeddings_initializer=initializer)(x)
    x = nn.Rescaling(np.sqrt(embedding_dim))(x)
    x = nn.Dropout(dropout_rate)(x, training=training)
    for i in range(num_layers):
        x, block1, block2 = DecoderLayer(x, enc_output, look_ahead_mask, padding_mask,
                                         num_heads, embedding_dim, fully_connected_dim,
                                         dropout_rate, layernorm_eps, training, initializer)
        attention_weights[f"decoder_layer{i + 1}_block1_self_att"] = block1
        attention_weights[f"decoder_layer{i + 1}_block2_decenc_att"] = block2
    return x, attention_weights
