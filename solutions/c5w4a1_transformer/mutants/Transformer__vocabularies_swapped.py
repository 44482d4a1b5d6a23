# Mistake: the encoder's embedding uses the target vocabulary and the decoder's the input vocabulary.
import numpy as np
def Transformer(num_layers, embedding_dim, num_heads, fully_connected_dim, input_vocab_size,
                target_vocab_size, max_positional_encoding_input, max_positional_encoding_target,
                dropout_rate=0.1, layernorm_eps=1e-6,
                initializer=nn.initializers.GlorotUniform(seed=0)):
    """An encoder-decoder Transformer as an nn.Model.

    Arguments:
    num_layers -- encoder layers = decoder layers
    embedding_dim, num_heads, fully_connected_dim, dropout_rate, layernorm_eps,
    initializer -- as in the layers
    input_vocab_size, target_vocab_size -- the two vocabularies' sizes
    max_positional_encoding_input -- Tx, the length of the input sequences
    max_positional_encoding_target -- Ty, the length of the target sequences

    Returns:
    model -- nn.Model from [input ids (m, Tx), target ids (m, Ty), enc_padding_mask (m, 1, Tx),
             look_ahead_mask (m, Ty, Ty), dec_padding_mask (m, 1, Tx)] to the probabilities
             (m, Ty, target_vocab_size)
    """
    inputs = transformer_inputs(max_positional_encoding_input, max_positional_encoding_target)
    input_sentence, output_sentence, enc_padding_mask, look_ahead_mask, dec_padding_mask = inputs
    enc_output = Encoder(input_sentence, enc_padding_mask, num_layers, embedding_dim, num_heads,
                         fully_connected_dim, target_vocab_size, max_positional_encoding_input,
                         dropout_rate, layernorm_eps, initializer=initializer)
    dec_output, attention_weights = Decoder(output_sentence, enc_output, look_ahead_mask,
                                            dec_padding_mask, num_layers, embedding_dim,
                                            num_heads, fully_connected_dim, input_vocab_size,
                                            max_positional_encoding_target, dropout_rate,
                                            layernorm_eps, initializer=initializer)
    final_output = nn.Dense(target_vocab_size, activation="softmax",
                            kernel_initializer=initializer)(dec_output)
    return nn.Model(inputs=inputs, outputs=final_output, name="Transformer")
