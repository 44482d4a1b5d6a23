"""Known mistakes in c5w2a2_emojify: read by autograder/mistakes.py (see CONTRIBUTING.md, "Mistakes").

Plain data, never executed.  Each patch is a list of (old, new) replacements applied in order to
the solution cell's source; the self-test proves that every mistake loses points.
"""

MISTAKES = [
    {"cell": "Emojify_V2", "name": "dropout_keep_probability",
     "says": "passes Dropout(0.8), a keep probability, where the framework takes the rate of dropped units",
     "hint": None,
     "patch": [("    embedding_layer = pretrained_embedding_layer(word_to_vec_map, word_to_index)\n"
                "    embeddings = embedding_layer(sentence_indices)\n",
                "    embeddings = pretrained_embedding_layer(word_to_vec_map, word_to_index)(sentence_indices)\n"),
               ("    X = nn.LSTM(128, return_sequences=True)(embeddings)\n"
                "    X = nn.Dropout(0.5)(X)\n",
                "    X = nn.LSTM(128, return_sequences=True)(embeddings)\n"
                "    X = nn.Dropout(0.8)(X)\n"),
               ("    X = nn.Dropout(0.5)(X)\n",
                "    X = nn.Dropout(0.8)(X)\n"),
               ("    model = nn.Model(inputs=sentence_indices, outputs=X)\n"
                "    ### END SOLUTION\n"
                "    return model",
                "    return nn.Model(inputs=sentence_indices, outputs=X)")]},
    {"cell": "Emojify_V2", "name": "first_lstm_last_step_only",
     "says": "the first LSTM returns only its last step (return_sequences=False), so the second LSTM gets no sequence",
     "hint": None,
     "patch": [("    embedding_layer = pretrained_embedding_layer(word_to_vec_map, word_to_index)\n"
                "    embeddings = embedding_layer(sentence_indices)\n"
                "    X = nn.LSTM(128, return_sequences=True)(embeddings)\n",
                "    embeddings = pretrained_embedding_layer(word_to_vec_map, word_to_index)(sentence_indices)\n"
                "    X = nn.LSTM(128, return_sequences=False)(embeddings)\n"),
               ("    model = nn.Model(inputs=sentence_indices, outputs=X)\n"
                "    ### END SOLUTION\n"
                "    return model",
                "    return nn.Model(inputs=sentence_indices, outputs=X)")]},
    {"cell": "Emojify_V2", "name": "no_softmax",
     "says": "no softmax at the end: the model outputs the Dense layer's logits", "hint": None,
     "patch": [("    embedding_layer = pretrained_embedding_layer(word_to_vec_map, word_to_index)\n"
                "    embeddings = embedding_layer(sentence_indices)\n",
                "    embeddings = pretrained_embedding_layer(word_to_vec_map, word_to_index)(sentence_indices)\n"),
               ('    X = nn.Activation("softmax")(X)\n'
                "    model = nn.Model(inputs=sentence_indices, outputs=X)\n"
                "    ### END SOLUTION\n"
                "    return model",
                "    return nn.Model(inputs=sentence_indices, outputs=X)")]},
    {"cell": "Emojify_V2", "name": "second_lstm_all_steps",
     "says": "the second LSTM also returns every step (return_sequences=True): one prediction per word",
     "hint": None,
     "patch": [("    embedding_layer = pretrained_embedding_layer(word_to_vec_map, word_to_index)\n"
                "    embeddings = embedding_layer(sentence_indices)\n",
                "    embeddings = pretrained_embedding_layer(word_to_vec_map, word_to_index)(sentence_indices)\n"),
               ("    X = nn.LSTM(128, return_sequences=False)(X)\n",
                "    X = nn.LSTM(128, return_sequences=True)(X)\n"),
               ("    model = nn.Model(inputs=sentence_indices, outputs=X)\n"
                "    ### END SOLUTION\n"
                "    return model",
                "    return nn.Model(inputs=sentence_indices, outputs=X)")]},
    {"cell": "Emojify_V2", "name": "trainable_random_embedding",
     "says": "uses a fresh, trainable nn.Embedding instead of the pretrained GloVe layer", "hint": None,
     "patch": [("    embedding_layer = pretrained_embedding_layer(word_to_vec_map, word_to_index)\n"
                "    embeddings = embedding_layer(sentence_indices)\n",
                "    embeddings = nn.Embedding(len(word_to_index) + 1, 50)(sentence_indices)\n"),
               ("    model = nn.Model(inputs=sentence_indices, outputs=X)\n"
                "    ### END SOLUTION\n"
                "    return model",
                "    return nn.Model(inputs=sentence_indices, outputs=X)")]},
    {"cell": "model", "name": "gradient_ascent",
     "says": "adds the gradient instead of subtracting it", "hint": None,
     "patch": [("            z = W @ avg + b\n"
                "            a = softmax(z)\n",
                "            a = softmax(W @ avg + b)\n"),
               ("            dW = np.outer(dz, avg)\n"
                "            db = dz\n"
                "            W = W - learning_rate * dW\n"
                "            b = b - learning_rate * db\n",
                "            W = W + learning_rate * np.outer(dz, avg)\n"
                "            b = b + learning_rate * dz\n")]},
    {"cell": "model", "name": "label_not_one_hot",
     "says": "computes dz = a - Y[i], subtracting the integer label instead of its one-hot vector",
     "hint": None,
     "patch": [("            z = W @ avg + b\n"
                "            a = softmax(z)\n",
                "            a = softmax(W @ avg + b)\n"),
               ("            dz = a - Y_oh[i]\n"
                "            dW = np.outer(dz, avg)\n"
                "            db = dz\n"
                "            W = W - learning_rate * dW\n"
                "            b = b - learning_rate * db\n",
                "            dz = a - Y[i]\n"
                "            W = W - learning_rate * np.outer(dz, avg)\n"
                "            b = b - learning_rate * dz\n")]},
    {"cell": "model", "name": "n_y_from_labels",
     "says": "takes the number of classes from the labels present (len(np.unique(Y))), not 5",
     "hint": None,
     "patch": [("    n_y = 5\n",
                "    n_y = len(np.unique(Y))\n"),
               ("            z = W @ avg + b\n"
                "            a = softmax(z)\n",
                "            a = softmax(W @ avg + b)\n"),
               ("            dW = np.outer(dz, avg)\n"
                "            db = dz\n"
                "            W = W - learning_rate * dW\n"
                "            b = b - learning_rate * db\n",
                "            W = W - learning_rate * np.outer(dz, avg)\n"
                "            b = b - learning_rate * dz\n")]},
    {"cell": "model", "name": "no_bias_update",
     "says": "updates W but forgets to update b", "hint": None,
     "patch": [("            z = W @ avg + b\n"
                "            a = softmax(z)\n",
                "            a = softmax(W @ avg + b)\n"),
               ("            dW = np.outer(dz, avg)\n"
                "            db = dz\n"
                "            W = W - learning_rate * dW\n"
                "            b = b - learning_rate * db\n",
                "            W = W - learning_rate * np.outer(dz, avg)\n")]},
    {"cell": "model", "name": "no_cost",
     "says": "never computes cost, which the loop prints every 100 passes (NameError)",
     "hint": None,
     "patch": [("            cost = -np.sum(Y_oh[i] * np.log(a))\n",
                "")]},
    {"cell": "pretrained_embedding_layer", "name": "rows_zero_based",
     "says": "the right shape, but word w goes to row word_to_index[w] - 1 (and the last row stays zero)",
     "hint": None,
     "patch": [("        emb_matrix[idx, :] = word_to_vec_map[word]\n",
                "        emb_matrix[idx - 1, :] = word_to_vec_map[word]\n")]},
    {"cell": "pretrained_embedding_layer", "name": "trainable",
     "says": "leaves the embedding trainable, so training would move the GloVe vectors",
     "hint": None,
     "patch": [("    embedding_layer = nn.Embedding(vocab_len, emb_dim, trainable=False)\n",
                "    embedding_layer = nn.Embedding(vocab_len, emb_dim)\n")]},
    {"cell": "pretrained_embedding_layer", "name": "vocab_len_without_padding",
     "says": "one row per word and none for the padding (vocab_len = len(word_to_index)), rows shifted by one",
     "hint": None,
     "patch": [("    vocab_len = len(word_to_index) + 1\n",
                "    vocab_len = len(word_to_index)\n"),
               ("        emb_matrix[idx, :] = word_to_vec_map[word]\n",
                "        emb_matrix[idx - 1, :] = word_to_vec_map[word]\n")]},
    {"cell": "sentence_to_avg", "name": "divides_by_all_words",
     "says": "divides by the number of words of the sentence, unknown words included", "hint": None,
     "patch": [("    count = 0\n",
                ""),
               ("            count += 1\n"
                "    if count > 0:\n"
                "        avg = avg / count\n"
                "    ### END SOLUTION\n"
                "    return avg",
                "    return avg / len(words)")]},
    {"cell": "sentence_to_avg", "name": "no_lower",
     "says": "looks the words up as written, without lower-casing the sentence", "hint": None,
     "patch": [("    words = sentence.lower().split()\n",
                ""),
               ("    for w in words:\n",
                "    for w in sentence.split():\n"),
               ("    if count > 0:\n"
                "        avg = avg / count\n"
                "    ### END SOLUTION\n"
                "    return avg",
                "    return avg / count if count else avg")]},
    {"cell": "sentence_to_avg", "name": "no_vocabulary_test",
     "says": "looks every word up without testing that it has a vector (KeyError on an unknown word)",
     "hint": None,
     "patch": [("        if w in word_to_vec_map:\n"
                "            avg += word_to_vec_map[w]\n"
                "            count += 1\n",
                "        avg += word_to_vec_map[w]\n"
                "        count += 1\n")]},
    {"cell": "sentence_to_avg", "name": "split_on_single_space",
     "says": 'splits on a single space (split(" ")), so tabs and double spaces make empty or glued words',
     "hint": None,
     "patch": [("    words = sentence.lower().split()\n",
                ""),
               ("    for w in words:\n",
                '    for w in sentence.lower().split(" "):\n'),
               ("    if count > 0:\n"
                "        avg = avg / count\n"
                "    ### END SOLUTION\n"
                "    return avg",
                "    return avg / count if count else avg")]},
    {"cell": "sentence_to_avg", "name": "sum_not_mean",
     "says": "adds up the word vectors but never divides by the number of words", "hint": None,
     "patch": [("    words = sentence.lower().split()\n",
                ""),
               ("    count = 0\n"
                "    for w in words:\n",
                "    for w in sentence.lower().split():\n"),
               ("            count += 1\n"
                "    if count > 0:\n"
                "        avg = avg / count\n",
                "")]},
    {"cell": "sentences_to_indices", "name": "gap_for_unknown",
     "says": "moves to the next column even for a word without an index, leaving a 0 in the middle",
     "hint": None,
     "patch": [("        sentence_words = X[i].lower().split()\n"
                "        j = 0\n"
                "        for w in sentence_words:\n"
                "            if w in word_to_index and j < max_len:\n",
                "        for j, w in enumerate(X[i].lower().split()[:max_len]):\n"
                "            if w in word_to_index:\n"),
               ("                j = j + 1\n",
                "")]},
    {"cell": "sentences_to_indices", "name": "index_minus_one",
     "says": "shifts the indices to start at 0 (word_to_index[w] - 1), colliding with the padding",
     "hint": None,
     "patch": [("        sentence_words = X[i].lower().split()\n",
                ""),
               ("        for w in sentence_words:\n",
                "        for w in X[i].lower().split():\n"),
               ("                X_indices[i, j] = word_to_index[w]\n"
                "                j = j + 1\n",
                "                X_indices[i, j] = word_to_index[w] - 1\n"
                "                j += 1\n")]},
    {"cell": "sentences_to_indices", "name": "no_lower",
     "says": "does not lower-case the sentence, so capitalised words are treated as unknown",
     "hint": None,
     "patch": [("        sentence_words = X[i].lower().split()\n",
                ""),
               ("        for w in sentence_words:\n",
                "        for w in X[i].split():\n"),
               ("                j = j + 1\n",
                "                j += 1\n")]},
]
