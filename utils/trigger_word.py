"""Reference answers of c5w3a2 (trigger-word detection): synthesising a training example and
the detection model, built with the course framework.

The notebook that teaches them must not import this module (its grading sandbox does not hold
it); the hidden tests, ``datasets/build_trigger.py``, ``datasets/train_trigger.py`` and
``tests/`` import it.

Shapes: a sound is float32 (n,) at 16 kHz in [-1, 1]; a background (>= 80,000,); a segment is
(start_ms, end_ms), both inclusive; a label y is (1, TY) = (1, 246); a spectrogram x is
(TX, N_FREQ) = (998, 101). The model maps (m, 998, 101) to (m, 246, 1) probabilities.

Randomness (the order of draws the exercises prescribe), all from ``np.random``:
``insert_audio_clip`` draws segments with ``get_random_time_segment`` (one randint each) until
one is free, at most 6 draws; ``create_training_example`` draws the number of "activate"s
(randint(0, 5)), their indices (randint(len(activates), size=n)), inserts them in that order,
then the number of negatives (randint(0, 3)) and their indices, and inserts those.
"""
from __future__ import annotations

import numpy as np

from utils import nn
from utils.audio import match_target_amplitude, spectrogram
from utils.testing import course_reference
from utils.trigger_data import (CLIP_MS, N_SAMPLES, RATE, TY, LABEL_STEPS, clip_ms,
                                get_random_time_segment)

TAUGHT_IN = ("c5w3a2_trigger_word",)

__all__ = ["is_overlapping", "insert_audio_clip", "insert_ones", "create_training_example",
           "compose_example", "modelf"]

MAX_RETRIES = 5          # draws after the first: 6 in all
NOT_INSERTED = (CLIP_MS, CLIP_MS)
BACKGROUND_GAIN_DB = -20.0


@course_reference
def is_overlapping(segment_time, previous_segments) -> bool:
    """True when segment_time (start, end) overlaps any of previous_segments, a list of
    (start, end) in ms, both ends inclusive (a segment that starts on another's end overlaps
    it)."""
    segment_start, segment_end = segment_time
    return any(segment_start <= prev_end and segment_end >= prev_start
               for prev_start, prev_end in previous_segments)


@course_reference
def insert_audio_clip(background, audio_clip, previous_segments):
    """(new_background (n,), segment_time): audio_clip added onto a copy of background at a
    random free segment (start sample 16 * start_ms); (background copy, (5000, 5000)) when 6
    draws found no free segment. previous_segments is not changed."""
    segment_ms = clip_ms(audio_clip)
    segment_time = get_random_time_segment(segment_ms)
    retry = MAX_RETRIES
    while is_overlapping(segment_time, previous_segments) and retry > 0:
        segment_time = get_random_time_segment(segment_ms)
        retry -= 1
    new_background = np.array(background, copy=True)
    if is_overlapping(segment_time, previous_segments):
        return new_background, NOT_INSERTED
    start = segment_time[0] * RATE // 1000
    new_background[start:start + len(audio_clip)] += audio_clip
    return new_background, segment_time


@course_reference
def insert_ones(y, segment_end_ms):
    """A copy of y (1, Ty) with ones on the 50 steps after step int(segment_end_ms * Ty /
    5000), cut at the end of y."""
    y = np.array(y, copy=True)
    Ty = y.shape[1]
    segment_end_y = int(segment_end_ms * Ty / CLIP_MS)
    y[0, segment_end_y + 1:segment_end_y + 1 + LABEL_STEPS] = 1
    return y


def compose_example(background, activates, negatives):
    """The draws and insertions of ``create_training_example``: returns (audio (80,000,)
    before loudness matching, y (1, TY), activate segments [(start, end)] actually inserted)."""
    background = np.asarray(background, dtype=np.float32)[:N_SAMPLES] \
        * np.float32(10 ** (BACKGROUND_GAIN_DB / 20))
    y = np.zeros((1, TY))
    previous_segments = []
    inserted = []
    number_of_activates = np.random.randint(0, 5)
    for i in np.random.randint(len(activates), size=number_of_activates):
        background, segment_time = insert_audio_clip(background, activates[i],
                                                     previous_segments)
        previous_segments.append(segment_time)
        y = insert_ones(y, segment_time[1])
        if segment_time != NOT_INSERTED:
            inserted.append(segment_time)
    number_of_negatives = np.random.randint(0, 3)
    for i in np.random.randint(len(negatives), size=number_of_negatives):
        background, segment_time = insert_audio_clip(background, negatives[i],
                                                     previous_segments)
        previous_segments.append(segment_time)
    return background, y, inserted


@course_reference
def create_training_example(background, activates, negatives):
    """(x (998, 101), y (1, 246), audio (80,000,)): a 5 s example from a background (its first
    80,000 samples, 20 dB quieter), "activate"s and negatives, matched to -20 dBFS."""
    background, y, _ = compose_example(background, activates, negatives)
    audio = match_target_amplitude(background, -20.0)
    return spectrogram(audio), y, audio


@course_reference
def modelf(input_shape):
    """The trigger-word model: (m, Tx, n_freq) -> (m, Ty, 1) with Ty = (Tx - 15) // 4 + 1."""
    X_input = nn.Input(shape=input_shape)
    X = nn.Conv1D(64, 15, strides=4)(X_input)
    X = nn.BatchNormalization()(X)
    X = nn.Activation("relu")(X)
    X = nn.Dropout(0.2)(X)
    X = nn.GRU(64, return_sequences=True)(X)
    X = nn.Dropout(0.2)(X)
    X = nn.BatchNormalization()(X)
    X = nn.GRU(64, return_sequences=True)(X)
    X = nn.Dropout(0.2)(X)
    X = nn.BatchNormalization()(X)
    X = nn.Dropout(0.2)(X)
    X = nn.TimeDistributed(nn.Dense(1, activation="sigmoid"))(X)
    return nn.Model(inputs=X_input, outputs=X)
