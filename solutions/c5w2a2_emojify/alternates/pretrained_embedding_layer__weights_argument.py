# Correct: gives the matrix to the constructor (weights=[...]) and leaves the layer to build itself.
import numpy as np
def pretrained_embedding_layer(word_to_vec_map, word_to_index):
    emb_dim = len(next(iter(word_to_vec_map.values())))
    emb_matrix = np.zeros((max(word_to_index.values()) + 1, emb_dim))
    for word, idx in word_to_index.items():
        emb_matrix[idx] = word_to_vec_map[word]
    return nn.Embedding(emb_matrix.shape[0], emb_dim, weights=[emb_matrix], trainable=False)
