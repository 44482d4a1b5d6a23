# Mistake: leaves the embedding trainable, so training would move the GloVe vectors.
import numpy as np
def pretrained_embedding_layer(word_to_vec_map, word_to_index):
    any_word = next(iter(word_to_vec_map))
    vocab_len = len(word_to_index) + 1
    emb_dim = word_to_vec_map[any_word].shape[0]
    emb_matrix = np.zeros((vocab_len, emb_dim))
    for word, idx in word_to_index.items():
        emb_matrix[idx, :] = word_to_vec_map[word]
    embedding_layer = nn.Embedding(vocab_len, emb_dim)
    embedding_layer.build((None,))
    embedding_layer.set_weights([emb_matrix])
    return embedding_layer
