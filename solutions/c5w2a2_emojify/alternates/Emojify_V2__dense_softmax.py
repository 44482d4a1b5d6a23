# Correct: the softmax as the Dense layer's activation, layers created first and chained in a loop.
import numpy as np
def Emojify_V2(input_shape, word_to_vec_map, word_to_index):
    inputs = nn.Input(input_shape, dtype="int64")
    layers = [pretrained_embedding_layer(word_to_vec_map, word_to_index),
              nn.LSTM(128, return_sequences=True), nn.Dropout(rate=0.5),
              nn.LSTM(128), nn.Dropout(rate=0.5), nn.Dense(5, activation="softmax")]
    x = inputs
    for layer in layers:
        x = layer(x)
    return nn.Model(inputs, x)
