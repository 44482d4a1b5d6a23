"""Build ``chorales.h5``: the soprano melodies of Bach's chorales as tokens, for c5w1a3_music.

Source: the 371 four-part chorales that music21's chorale iterator yields from the corpus
bundled with the PyPI package ``music21`` (``corpus.chorales.Iterator()``, Riemenschneider
numbering).  Install it to rebuild: ``pip install music21`` (the ``datasets`` extra).  Nothing
is downloaded at run time: the notebook loads the committed ``chorales.h5``.

Licence: the compositions (J. S. Bach, 1685-1750) are in the public domain.  music21's
``corpus/license.txt`` says its encodings are distributed "with the permission of the encoders
(and, where needed, the composers or arrangers)", that some "may not be used for commercial uses
or have other restrictions", and that they "may be under copyright but have been licensed for
use".  We ship only a derived token sequence of each soprano line (no encoding text); read the
corpus's note before any commercial use.

Each melody:

1. the soprano (the part named so, else the first part), ties merged (``stripTies``), grace notes dropped, a chord
   reduced to its highest note;
2. transposed so that the chorale's key (music21's ``analyze("key")``) becomes C major or
   A minor (by the smallest interval, up or down);
3. placed on an **eighth-note grid**: a note that starts at time ``o`` (in quarter notes) and
   ends at ``o + d`` occupies grid steps ``round(2 o)`` to ``round(2 (o + d)) - 1``; its first
   step is its pitch, the others are *hold*; steps no note covers are *rest*.  A note shorter
   than an eighth, or starting between two grid points, is rounded: when two notes fall on
   the same step the first one keeps it (the later one is dropped).  The build prints how many
   notes were rounded and how many dropped.

Tokens: 0 = rest, 1 = hold, 2... = the MIDI pitches that occur, from low to high.  The file holds
``tokens`` (all melodies one after another, uint8), ``starts`` (where each melody starts;
one more entry at the end), ``heldout`` (1 for a held-out melody), ``pitches`` (the MIDI pitch
of each pitch token), ``modes`` (0 major, 1 minor), ``numbers`` (the Riemenschneider number).

Split: melodies that begin with the same 16 steps (the same hymn tune harmonised more than
once) form a group; 10 % of the groups (seed 0) are held out, so a held-out tune is never a
training tune.
"""
from __future__ import annotations

import collections

import numpy as np

from h5write import write_h5

SEED = 0
HELDOUT_SHARE = 0.10
GROUP_PREFIX = 16          # grid steps that decide whether two melodies are the same tune
REST, HOLD = 0, 1

INFO = {
    "chorales.h5": {
        "description": None,     # filled in by build() with the counts
        "source": "the 371 chorales of music21's bundled corpus (corpus.chorales.Iterator(), "
                  "PyPI package music21), soprano lines only, transposed and quantised by "
                  "datasets/build_chorales.py",
        "license": "compositions: public domain (J. S. Bach, 1685-1750); encodings: "
                   "distributed by music21 'with the permission of the encoders', some with "
                   "non-commercial or other restrictions (music21 corpus/license.txt); this "
                   "file holds only derived token sequences",
        "attribution": "J. S. Bach, four-part chorales (Riemenschneider numbering); encodings "
                       "from the music21 corpus (Michael Scott Asato Cuthbert and contributors)",
        "used_by": ["c5w1a3_music"],
    }
}


def _music21():
    try:
        import music21  # noqa: PLC0415  (only needed to rebuild)
    except ImportError:
        raise SystemExit("the PyPI package music21 is not installed: pip install music21 "
                         "(or pip install -e .[datasets])") from None
    return music21


def _transposition(score, music21) -> tuple[int, int]:
    """(semitones to add, mode 0 major / 1 minor) that bring the score's key to C / A minor."""
    key = score.analyze("key")
    minor = key.mode == "minor"
    target = 9 if minor else 0                       # A or C
    shift = (target - key.tonic.pitchClass) % 12
    if shift > 6:
        shift -= 12                                   # the smaller move, down rather than up
    return shift, int(minor)


def _soprano(score):
    """The part named Soprano (some chorales list an instrument first), else the first part."""
    for part in score.parts:
        if "soprano" in f"{part.id} {part.partName}".lower():
            return part
    return score.parts[0]


def _events(part) -> list[tuple[float, float, int]]:
    """(offset, duration, MIDI pitch) of every sounding note of a part, in quarter notes."""
    out = []
    for el in part.stripTies().flatten().notes:
        if el.duration.isGrace or el.quarterLength <= 0:
            continue
        pitch = max(p.midi for p in el.pitches)
        out.append((float(el.offset), float(el.quarterLength), pitch))
    return sorted(out)


def melody_steps(events, shift: int, stats: collections.Counter) -> list[int]:
    """The melody on the eighth-note grid as (MIDI pitch | -1 hold | -2 rest) per step."""
    if not events:
        return []
    end = max(round(2 * (o + d)) for o, d, _ in events)
    steps = [-2] * end
    taken = set()
    for o, d, pitch in events:
        start, stop = round(2 * o), round(2 * (o + d))
        stats["notes"] += 1
        if abs(2 * o - start) > 1e-6 or d < 0.5 - 1e-6:
            stats["rounded"] += 1
        if start in taken or start >= end:
            stats["dropped"] += 1
            continue
        stop = max(stop, start + 1)
        taken.add(start)
        steps[start] = pitch + shift
        for k in range(start + 1, min(stop, end)):
            if k in taken:
                break
            steps[k] = -1
    return steps


def read_melodies():
    music21 = _music21()
    melodies, modes, numbers = [], [], []
    stats = collections.Counter()
    for number, score in enumerate(music21.corpus.chorales.Iterator(), start=1):
        shift, minor = _transposition(score, music21)
        steps = melody_steps(_events(_soprano(score)), shift, stats)
        while steps and steps[-1] == -2:
            steps.pop()
        melodies.append(steps)
        modes.append(minor)
        numbers.append(number)
    return melodies, np.array(modes), np.array(numbers), stats


def split(melodies, rng) -> np.ndarray:
    """1 for held-out melodies: whole groups of melodies that share their first steps."""
    groups = collections.defaultdict(list)
    for i, m in enumerate(melodies):
        groups[tuple(m[:GROUP_PREFIX])].append(i)
    keys = sorted(groups)
    order = rng.permutation(len(keys))
    held = np.zeros(len(melodies), dtype=np.uint8)
    n_held = round(HELDOUT_SHARE * len(keys))
    for g in order[:n_held]:
        held[groups[keys[g]]] = 1
    return held, len(keys)


def build(out_dir) -> dict:
    rng = np.random.default_rng(SEED)
    melodies, modes, numbers, stats = read_melodies()
    pitches = sorted({s for m in melodies for s in m if s >= 0})
    index = {p: k + 2 for k, p in enumerate(pitches)}
    index[-1], index[-2] = HOLD, REST
    tokens = [np.array([index[s] for s in m], dtype=np.uint8) for m in melodies]
    starts = np.cumsum([0] + [len(t) for t in tokens]).astype(np.int64)
    held, n_groups = split(melodies, rng)
    arrays = {"tokens": np.concatenate(tokens), "starts": starts, "heldout": held,
              "pitches": np.array(pitches, dtype=np.uint8), "modes": modes.astype(np.uint8),
              "numbers": numbers.astype(np.int16)}
    n_tokens = len(pitches) + 2
    share = stats["rounded"] / stats["notes"]
    print(f"{len(melodies)} melodies ({n_groups} distinct tunes), {starts[-1]} steps, "
          f"{n_tokens} tokens (MIDI {pitches[0]}-{pitches[-1]}); {stats['notes']} notes, "
          f"{stats['rounded']} rounded ({share:.1%}), {stats['dropped']} dropped; "
          f"held out: {int(held.sum())} melodies, {sum(len(t) for t, h in zip(tokens, held) if h)} "
          "steps")
    attrs = {"rounded_share": float(share), "notes": int(stats["notes"]),
             "dropped": int(stats["dropped"]), "grid": "eighth notes",
             "tokens": "0 rest, 1 hold, 2.. the MIDI pitches in `pitches`"}
    write_h5(out_dir / "chorales.h5", arrays, attrs)
    info = dict(INFO["chorales.h5"])
    info["description"] = (
        f"soprano lines of {len(melodies)} Bach chorales transposed to C major / A minor on an "
        f"eighth-note grid: tokens ({starts[-1]},) uint8 (0 rest, 1 hold, 2.. MIDI pitches "
        f"{pitches[0]}-{pitches[-1]}: {n_tokens} tokens), starts ({len(melodies) + 1},) of each "
        f"melody, heldout ({len(melodies)},) 1 for the {int(held.sum())} held-out melodies "
        f"(whole tunes), pitches, modes (0 major, 1 minor), numbers; {share:.1%} of "
        f"{stats['notes']} notes rounded to the grid, {stats['dropped']} dropped")
    return {"chorales.h5": info}


if __name__ == "__main__":
    import sys
    from pathlib import Path
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from build_all import main  # noqa: E402
    main(["build_chorales"])
