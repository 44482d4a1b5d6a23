"""Known mistakes in c5w3a2_trigger_word: read by autograder/mistakes.py (see CONTRIBUTING.md, "Mistakes").

Plain data, never executed.  Each patch is a list of (old, new) replacements applied in order to
the solution cell's source; the self-test proves that every mistake loses points.
"""

MISTAKES = [
    {"cell": "is_overlapping", "name": "strict_inequalities",
     "says": "the overlap test uses strict inequalities (< and >), so two segments that share their end millisecond are taken as free although both ends belong to a segment",
     "hint": None,
     "patch": [("        if segment_start <= previous_end and segment_end >= previous_start:\n",
                "        if segment_start < previous_end and segment_end > previous_start:\n")]},
    {"cell": "is_overlapping", "name": "last_segment_decides",
     "says": "each previous segment overwrites the answer, so only the last segment of the list decides",
     "hint": None,
     "patch": [("        if segment_start <= previous_end and segment_end >= previous_start:\n"
                "            overlap = True\n",
                "        overlap = segment_start <= previous_end and segment_end >= previous_start\n")]},
    {"cell": "is_overlapping", "name": "containment_only",
     "says": "only a segment that lies entirely inside a previous one counts as overlapping; one that overlaps an end does not",
     "hint": None,
     "patch": [("        if segment_start <= previous_end and segment_end >= previous_start:\n",
                "        if segment_start >= previous_start and segment_end <= previous_end:\n")]},
    {"cell": "insert_audio_clip", "name": "no_retry",
     "says": "the clip goes at the first segment drawn even when it overlaps a previous segment",
     "hint": None,
     "patch": [("    while is_overlapping(segment_time, previous_segments) and retry > 0:\n"
                "        segment_time = get_random_time_segment(segment_ms)\n"
                "        retry = retry - 1\n", ""),
               ("    if is_overlapping(segment_time, previous_segments):\n"
                "        return new_background, (5000, 5000)\n", "")]},
    {"cell": "insert_audio_clip", "name": "appends_to_previous_segments",
     "says": "previous_segments is changed in place (the new segment is appended to the caller's list)",
     "hint": None,
     "patch": [("    start = segment_time[0] * 16\n",
                "    previous_segments.append(segment_time)\n"
                "    start = segment_time[0] * 16\n")]},
    {"cell": "insert_audio_clip", "name": "start_in_ms_not_samples",
     "says": "the clip starts at sample segment_start, a time in milliseconds, instead of sample 16 * segment_start",
     "hint": None,
     "patch": [("    start = segment_time[0] * 16\n", "    start = segment_time[0]\n")]},
    {"cell": "insert_audio_clip", "name": "replaces_background",
     "says": "the clip replaces the background under it instead of being added to it",
     "hint": None,
     "patch": [("    new_background[start:start + len(audio_clip)] += audio_clip\n",
                "    new_background[start:start + len(audio_clip)] = audio_clip\n")]},
    {"cell": "insert_audio_clip", "name": "seven_draws",
     "says": "up to 7 segments are drawn (6 more after the first) instead of 6 in all",
     "hint": None,
     "patch": [("    retry = 5\n", "    retry = 6\n")]},
    {"cell": "insert_ones", "name": "ones_from_segment_end",
     "says": "the ones start on the step of the word's end instead of the step after it",
     "hint": None,
     "patch": [("    for i in range(segment_end_y + 1, segment_end_y + 51):\n",
                "    for i in range(segment_end_y, segment_end_y + 50):\n")]},
    {"cell": "insert_ones", "name": "no_clipping",
     "says": "the 50 ones run past the end of y: near the end of the clip they index steps that do not exist",
     "hint": None,
     "patch": [("        if i < Ty:\n            y[0, i] = 1\n", "        y[0, i] = 1\n")]},
    {"cell": "insert_ones", "name": "changes_y_in_place",
     "says": "the caller's y is changed in place instead of a copy",
     "hint": None,
     "patch": [("    y = y.copy()\n", "")]},
    {"cell": "insert_ones", "name": "ms_not_converted",
     "says": "segment_end_ms is used as a step without converting it: k = int(segment_end_ms * Ty / 5000)",
     "hint": None,
     "patch": [("    segment_end_y = int(segment_end_ms * Ty / 5000.0)\n",
                "    segment_end_y = int(segment_end_ms / 20)\n")]},
    {"cell": "create_training_example", "name": "background_not_cut",
     "says": "the background is not cut to its first 5 s (background[:80000]), so the example is as long as the background",
     "hint": None,
     "patch": [("    background = background[:80000] * 0.1\n", "    background = background * 0.1\n")]},
    {"cell": "create_training_example", "name": "negatives_labelled",
     "says": "the negatives are inserted into the label too: insert_ones is called for them, as if they were the trigger word",
     "hint": None,
     "patch": [("        background, segment_time = insert_audio_clip(background, random_negative,\n"
                "                                                     previous_segments)\n"
                "        previous_segments.append(segment_time)\n",
                "        background, segment_time = insert_audio_clip(background, random_negative,\n"
                "                                                     previous_segments)\n"
                "        previous_segments.append(segment_time)\n"
                "        y = insert_ones(y, segment_time[1])\n")]},
    {"cell": "create_training_example", "name": "background_not_quieter",
     "says": "the background keeps its level instead of being made 20 dB quieter (times 0.1) before the words are added",
     "hint": None,
     "patch": [("    background = background[:80000] * 0.1\n", "    background = background[:80000]\n")]},
    {"cell": "create_training_example", "name": "segments_not_recorded",
     "says": "the segments used are not appended to previous_segments, so later words may land on top of earlier ones",
     "hint": None,
     "patch": [("        y = insert_ones(y, segment_end)\n", "        y = insert_ones(y, segment_end)\n        previous_segments.pop()\n")]},
    {"cell": "create_training_example", "name": "spectrogram_before_loudness",
     "says": "x is the spectrogram of the mix before its loudness is matched, not of the returned audio",
     "hint": None,
     "patch": [("    x = spectrogram(audio)\n", "    x = spectrogram(background)\n")]},
    {"cell": "create_training_example", "name": "negatives_drawn_first",
     "says": "the negatives are drawn before the activates, not in the order the exercise prescribes",
     "hint": None,
     "patch": [("    number_of_activates = np.random.randint(0, 5)\n"
                "    random_indices = np.random.randint(len(activates), size=number_of_activates)\n",
                "    number_of_negatives = np.random.randint(0, 3)\n"
                "    negative_indices = np.random.randint(len(negatives), size=number_of_negatives)\n"
                "    number_of_activates = np.random.randint(0, 5)\n"
                "    random_indices = np.random.randint(len(activates), size=number_of_activates)\n"),
               ("    number_of_negatives = np.random.randint(0, 3)\n"
                "    random_indices = np.random.randint(len(negatives), size=number_of_negatives)\n"
                "    random_negatives = [negatives[i] for i in random_indices]\n",
                "    random_negatives = [negatives[i] for i in negative_indices]\n")]},
    {"cell": "modelf", "name": "conv_stride_one",
     "says": "the Conv1D keeps its default stride 1 instead of strides=4, so the model gives 984 outputs instead of Ty = 246",
     "hint": None,
     "patch": [("    X = nn.Conv1D(filters=64, kernel_size=15, strides=4)(X_input)\n",
                "    X = nn.Conv1D(filters=64, kernel_size=15)(X_input)\n")]},
    {"cell": "modelf", "name": "last_gru_one_output",
     "says": "the second GRU returns only its last state (return_sequences=False), so the model answers once per clip instead of at every step",
     "hint": None,
     "patch": [("    X = nn.GRU(units=64, return_sequences=True)(X)\n"
                "    X = nn.Dropout(rate=0.2)(X)\n"
                "    X = nn.BatchNormalization()(X)\n"
                "    X = nn.Dropout(rate=0.2)(X)\n",
                "    X = nn.GRU(units=64)(X)\n"
                "    X = nn.Dropout(rate=0.2)(X)\n"
                "    X = nn.BatchNormalization()(X)\n"
                "    X = nn.Dropout(rate=0.2)(X)\n"
                "    X = nn.Reshape((1, 64))(X)\n")]},
    {"cell": "modelf", "name": "original_dropout",
     "says": "the dropout rate is the original assignment's 0.8 instead of 0.2",
     "hint": None,
     "patch": [("    X = nn.Activation(\"relu\")(X)\n    X = nn.Dropout(rate=0.2)(X)\n",
                "    X = nn.Activation(\"relu\")(X)\n    X = nn.Dropout(rate=0.8)(X)\n")]},
    {"cell": "modelf", "name": "bidirectional_gru",
     "says": "the first GRU is bidirectional: a live detector cannot read the future, and the layer has twice the outputs",
     "hint": None,
     "patch": [("    X = nn.GRU(units=64, return_sequences=True)(X)\n"
                "    X = nn.Dropout(rate=0.2)(X)\n"
                "    X = nn.BatchNormalization()(X)\n\n",
                "    X = nn.Bidirectional(nn.GRU(units=64, return_sequences=True))(X)\n"
                "    X = nn.Dropout(rate=0.2)(X)\n"
                "    X = nn.BatchNormalization()(X)\n\n")]},
]
