"""Sound made in NumPy: additive synthesis of notes with envelopes, to play in a notebook.

    from IPython.display import Audio
    wave = synthesize([(0, 2, 60), (2, 2, 64), (4, 4, 67)], step_seconds=0.25)
    Audio(wave, rate=RATE)

A note is (start step, length in steps, MIDI pitch); ``step_seconds`` is the length of one
step (0.25 s: eighth notes at 120 quarter notes a minute).  Each note is a sum of harmonics
(amplitude 1/k**1.5 for harmonic k, a soft organ-like tone) shaped by an envelope: a short
attack, a decay to a sustain level, and a release after the note ends.  The result is a float
array (n_samples,) in [-1, 1] at ``rate`` samples a second (8 kHz by default: enough for the
harmonics that matter of a soprano line, and a quarter of the size of CD-quality audio in a
notebook): IPython.display.Audio plays it, and the standard library's ``wave`` module can write
it.
"""
from __future__ import annotations

import numpy as np

RATE = 8000
HARMONICS = 6

__all__ = ["RATE", "midi_to_hz", "envelope", "tone", "synthesize"]


def midi_to_hz(midi) -> np.ndarray:
    """Equal temperament, A4 (MIDI 69) = 440 Hz."""
    return 440.0 * 2.0 ** ((np.asarray(midi, dtype=np.float64) - 69) / 12)


def envelope(n_on: int, n_release: int, rate: int = RATE, attack: float = 0.015,
             decay: float = 0.08, sustain: float = 0.7) -> np.ndarray:
    """(n_on + n_release,) amplitudes: linear attack to 1, decay to ``sustain``, held until the
    note ends after n_on samples, then a linear release to 0 over n_release samples."""
    t = np.arange(n_on) / rate
    on = np.where(t < attack, t / attack,
                  np.maximum(sustain, 1 - (1 - sustain) * (t - attack) / decay))
    last = on[-1] if n_on else 0.0
    return np.concatenate([on, last * np.linspace(1, 0, n_release, endpoint=False)])


def tone(midi: int, seconds: float, rate: int = RATE, release: float = 0.06) -> np.ndarray:
    """One note: harmonics 1..HARMONICS of the pitch (those below the Nyquist frequency), with
    the envelope; (round(seconds * rate) + round(release * rate),) samples, peak about 1."""
    n_on, n_rel = int(round(seconds * rate)), int(round(release * rate))
    t = np.arange(n_on + n_rel) / rate
    f0 = float(midi_to_hz(midi))
    wave = np.zeros_like(t)
    for k in range(1, HARMONICS + 1):
        if k * f0 < rate / 2:
            wave += np.sin(2 * np.pi * k * f0 * t) / k ** 1.5
    return wave / np.sum(1 / np.arange(1, HARMONICS + 1) ** 1.5) * envelope(n_on, n_rel, rate)


def synthesize(notes, step_seconds: float = 0.25, rate: int = RATE,
               volume: float = 0.8) -> np.ndarray:
    """The notes [(start step, length in steps, MIDI pitch), ...] mixed into one float array,
    scaled so that its peak is ``volume`` (silence stays zeros)."""
    notes = list(notes)
    end = max([s + n for s, n, _ in notes], default=0)
    out = np.zeros(int(round((end * step_seconds + 0.1) * rate)) + 1)
    for start, length, pitch in notes:
        wave = tone(pitch, length * step_seconds, rate)
        at = int(round(start * step_seconds * rate))
        out[at:at + len(wave)] += wave[:len(out) - at]
    peak = np.abs(out).max()
    return out * (volume / peak) if peak > 0 else out
