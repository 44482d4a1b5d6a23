# Mistake: Dropout(0.8), a keep probability, where the framework takes the rate of dropped units.
import numpy as np
def Emojify_V2(input_shape, word_to_vec_map, word_to_index):
    sentence_indices = nn.Input(shape=input_shape, dtype="int64")
    embeddings = pretrained_embedding_layer(word_to_vec_map, word_to_index)(sentence_indices)
    X = nn.LSTM(128, return_sequences=True)(embeddings)
    X = nn.Dropout(0.8)(X)
    X = nn.LSTM(128, return_sequences=False)(X)
    X = nn.Dropout(0.8)(X)
    X = nn.Dense(5)(X)
    X = nn.Activation("softmax")(X)
    return nn.Model(inputs=sentence_indices, outputs=X)
