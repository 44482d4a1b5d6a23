# Mistake: one row per word and none for the padding (vocab_len = len(word_to_index)), rows shifted by one.
import numpy as np
def pretrained_embedding_layer(word_to_vec_map, word_to_index):
    any_word = next(iter(word_to_vec_map))
    vocab_len = len(word_to_index)
    emb_dim = word_to_vec_map[any_word].shape[0]
    emb_matrix = np.zeros((vocab_len, emb_dim))
    for word, idx in word_to_index.items():
        emb_matrix[idx - 1, :] = word_to_vec_map[word]
    embedding_layer = nn.Embedding(vocab_len, emb_dim, trainable=False)
    embedding_layer.build((None,))
    embedding_layer.set_weights([emb_matrix])
    return embedding_layer
