# Mistake: the first LSTM returns only its last step (return_sequences=False), so the second LSTM gets no sequence.
import numpy as np
def Emojify_V2(input_shape, word_to_vec_map, word_to_index):
    sentence_indices = nn.Input(shape=input_shape, dtype="int64")
    embeddings = pretrained_embedding_layer(word_to_vec_map, word_to_index)(sentence_indices)
    X = nn.LSTM(128, return_sequences=False)(embeddings)
    X = nn.Dropout(0.5)(X)
    X = nn.LSTM(128, return_sequences=False)(X)
    X = nn.Dropout(0.5)(X)
    X = nn.Dense(5)(X)
    X = nn.Activation("softmax")(X)
    return nn.Model(inputs=sentence_indices, outputs=X)
