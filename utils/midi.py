"""Melodies as standard MIDI files, to open in a score editor or a synthesiser (optional).

Needs the PyPI package ``mido`` (MIT), in the ``midi`` extra: ``pip install -e .[midi]``.
Nothing in the course needs it: the notebooks play melodies with ``utils.synth``.

    write_midi([(0, 2, 60), (2, 2, 64)], "melody.mid")   # (start step, length in steps, pitch)
"""
from __future__ import annotations

from pathlib import Path

TICKS_PER_BEAT = 480          # a beat is a quarter note

__all__ = ["write_midi", "read_midi"]


def _mido():
    try:
        import mido  # noqa: PLC0415  (optional)
    except ImportError:
        raise ImportError("MIDI export needs the package mido: pip install -e '.[midi]' "
                          "(or pip install mido)") from None
    return mido


def write_midi(notes, path, steps_per_beat: int = 2, bpm: float = 120.0,
               velocity: int = 80, program: int = 19) -> Path:
    """Write the notes [(start step, length in steps, MIDI pitch), ...] to a one-track MIDI file
    (steps_per_beat = 2: eighth-note steps; program 19, a church organ in General MIDI).
    Returns the path."""
    mido = _mido()
    ticks = TICKS_PER_BEAT // steps_per_beat
    events = []
    for start, length, pitch in notes:
        events.append((start * ticks, 1, pitch))                      # note on after note off
        events.append(((start + length) * ticks, 0, pitch))
    track = mido.MidiTrack([mido.MetaMessage("set_tempo", tempo=mido.bpm2tempo(bpm)),
                            mido.Message("program_change", program=program, time=0)])
    now = 0
    for at, on, pitch in sorted(events):
        track.append(mido.Message("note_on" if on else "note_off", note=int(pitch),
                                  velocity=velocity if on else 0, time=at - now))
        now = at
    out = mido.MidiFile(ticks_per_beat=TICKS_PER_BEAT)
    out.tracks.append(track)
    out.save(str(path))
    return Path(path)


def read_midi(path, steps_per_beat: int = 2) -> list[tuple[int, int, int]]:
    """The notes of a file that ``write_midi`` wrote (start step, length in steps, pitch)."""
    mido = _mido()
    midi = mido.MidiFile(str(path))
    ticks = midi.ticks_per_beat // steps_per_beat
    now, sounding, notes = 0, {}, []
    for message in midi.tracks[0]:
        now += message.time
        if message.type == "note_on" and message.velocity > 0:
            sounding[message.note] = now
        elif message.type in ("note_on", "note_off") and message.note in sounding:
            start = sounding.pop(message.note)
            notes.append((start // ticks, (now - start) // ticks, message.note))
    return sorted(notes)
