"""The Bach chorale melodies of c5w1a3_music: tokens, training windows, evaluation, piano rolls.

``datasets/chorales.h5`` (built by ``datasets/build_chorales.py``) holds the soprano lines of
371 chorales, transposed to C major / A minor, on an eighth-note grid.  One token per eighth
note: 0 = rest, 1 = hold (the note before goes on), 2... = a MIDI pitch (``pitches[k - 2]``).

Shapes: a melody is a 1-D int array of tokens; ``windows`` gives X (m, Tx, n_values) one-hot
inputs and Y (Tx, m, n_values) one-hot targets (Y[t] is the token after X[:, t], a list of Tx
arrays is what a model with Tx outputs is trained on).

Nothing here answers an exercise: the graded functions' references are in ``utils.music``.
"""
from __future__ import annotations

import numpy as np

from utils.data import DATA_DIR, dataset_info, load_dataset

REST, HOLD = 0, 1
NAMES = ["C", "C#", "D", "Eb", "E", "F", "F#", "G", "G#", "A", "Bb", "B"]
IN_KEY = {0, 2, 4, 5, 7, 9, 11}          # C major = A natural minor: the white keys

__all__ = ["REST", "HOLD", "IN_KEY", "load_chorales", "token_names", "windows",
           "to_notes", "in_key_share", "sequence_probabilities", "load_music_weights",
           "plot_piano_roll", "note_name"]


def note_name(midi: int) -> str:
    """60 -> 'C4'."""
    return f"{NAMES[midi % 12]}{midi // 12 - 1}"


def load_chorales() -> dict:
    """{"train": [melodies], "heldout": [melodies], "pitches": (n_values - 2,) MIDI pitches,
    "n_values": number of tokens, "numbers": Riemenschneider numbers (train, heldout),
    "modes": 0 major / 1 minor (train, heldout), "rounded_share": share of notes rounded}."""
    data = load_dataset("chorales")
    starts, tokens = data["starts"], data["tokens"].astype(np.int64)
    melodies = [tokens[a:b] for a, b in zip(starts[:-1], starts[1:])]
    held = data["heldout"].astype(bool)
    pick = lambda mask, arr: [a for a, h in zip(arr, held) if h == mask]   # noqa: E731
    return {"train": pick(False, melodies), "heldout": pick(True, melodies),
            "pitches": data["pitches"].astype(np.int64),
            "n_values": len(data["pitches"]) + 2,
            "numbers": (data["numbers"][~held], data["numbers"][held]),
            "modes": (data["modes"][~held], data["modes"][held]),
            "rounded_share": float(data["rounded_share"])}


def token_names(pitches) -> list[str]:
    """The name of each token: 'rest', 'hold', then note names ('E4', ...)."""
    return ["rest", "hold"] + [note_name(int(p)) for p in pitches]


def windows(melodies, Tx: int, stride: int, n_values: int):
    """Every window of Tx + 1 consecutive tokens (starting every ``stride`` steps) of the
    melodies, one-hot: X (m, Tx, n_values) the first Tx, Y (Tx, m, n_values) the last Tx (the
    next token at every step)."""
    rows = [m[s:s + Tx + 1] for m in melodies for s in range(0, len(m) - Tx, stride)]
    ids = np.array(rows, dtype=np.int64)
    onehot = np.eye(n_values, dtype=np.float32)[ids]
    return onehot[:, :-1], np.ascontiguousarray(onehot[:, 1:].swapaxes(0, 1))


def to_notes(tokens, pitches) -> list[tuple[int, int, int]]:
    """(start step, length in steps, MIDI pitch) of each note of a token sequence; a hold
    after a rest (or at the start) is a rest."""
    notes = []
    for t, tok in enumerate(np.asarray(tokens)):
        if tok >= 2:
            notes.append([t, 1, int(pitches[tok - 2])])
        elif tok == HOLD and notes and notes[-1][0] + notes[-1][1] == t:
            notes[-1][1] += 1
    return [tuple(n) for n in notes]


def in_key_share(tokens, pitches) -> float:
    """The share of pitch tokens (notes, not holds or rests) whose pitch class is one of
    C D E F G A B, the scale of C major and of A natural minor; nan without notes."""
    tokens = np.asarray(tokens)
    notes = tokens[tokens >= 2]
    if notes.size == 0:
        return float("nan")
    return float(np.mean([int(pitches[k - 2]) % 12 in IN_KEY for k in notes]))


def sequence_probabilities(LSTM_cell, densor, melodies) -> list[np.ndarray]:
    """For each melody (T,), the model's probabilities of every next token, (T - 1, n_values):
    row t is what the cell and densor predict after reading tokens 0..t from zero states.
    Runs the same weights as one LSTM over the whole sequence (return_sequences), which is
    what Tx steps of the shared cell compute, in one call."""
    from utils import nn
    n_values, n_a = densor.units, LSTM_cell.units
    seq = nn.LSTM(n_a, return_sequences=True)
    dense = nn.Dense(n_values, activation="softmax")
    inputs = nn.Input((None, n_values))
    model = nn.Model(inputs, dense(seq(inputs)))
    seq.set_weights(LSTM_cell.get_weights())
    dense.set_weights(densor.get_weights())
    eye = np.eye(n_values, dtype=np.float32)
    return [model.predict(eye[m[:-1]][None])[0] for m in melodies]


def load_music_weights(LSTM_cell, densor) -> dict:
    """Load the weights trained by ``datasets/train_music.py`` into the shared LSTM cell and
    Dense layer (built here, on zeros, if no model has used them yet); returns the manifest
    entry (training time, held-out accuracy)."""
    import h5py
    info = dataset_info("music_lstm")
    load_dataset("music_lstm")                 # checks the checksum
    n_values, n_a = densor.units, LSTM_cell.units
    if not LSTM_cell.built:
        zeros = np.zeros((1, n_a), dtype=np.float32)
        LSTM_cell(np.zeros((1, 1, n_values), dtype=np.float32), initial_state=[zeros, zeros])
    if not densor.built:
        densor(np.zeros((1, n_a), dtype=np.float32))
    with h5py.File(DATA_DIR / info["file"], "r") as f:
        LSTM_cell.set_weights([f["lstm_kernel"][()], f["lstm_recurrent_kernel"][()],
                               f["lstm_bias"][()]])
        densor.set_weights([f["dense_kernel"][()], f["dense_bias"][()]])
    return info


def plot_piano_roll(ax, tokens, pitches, title: str = "", color: str = "tab:blue",
                    low: int | None = None, high: int | None = None) -> None:
    """A piano roll: one bar per note, time in eighth notes across, pitch up; the white keys'
    rows (in C major / A minor) shaded."""
    notes = to_notes(tokens, pitches)
    low = min([n[2] for n in notes], default=60) - 1 if low is None else low
    high = max([n[2] for n in notes], default=72) + 1 if high is None else high
    for p in range(low, high + 1):
        if p % 12 in IN_KEY:
            ax.axhspan(p - 0.5, p + 0.5, color="0.93", zorder=0)
    for start, length, pitch in notes:
        in_key = pitch % 12 in IN_KEY
        ax.broken_barh([(start, length - 0.1)], (pitch - 0.4, 0.8),
                       facecolors=color if in_key else "tab:red", zorder=2)
    ticks = [p for p in range(low, high + 1) if p % 12 in (0, 4, 7)]
    ax.set_yticks(ticks, [note_name(p) for p in ticks])
    ax.set_ylim(low - 0.5, high + 0.5)
    ax.set_xlim(0, len(tokens))
    ax.set_xlabel("time (eighth notes)")
    ax.set_title(title)
