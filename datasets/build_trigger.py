"""Build the sounds of c5w3a2 (trigger-word detection): spoken words and generated backgrounds.

Speech is synthesised at build time with two Debian packages (``apt-get install espeak-ng
flite``), never at run time:

* espeak-ng (GPL-3+): 7 English accents x 17 voice variants, each utterance with a random
  pitch (20-80) and rate (120-190 words per minute);
* flite (BSD-style, CMU/Edinburgh licence): the voices awb, kal, kal16, rms and slt, with a
  random duration stretch (0.8-1.3) and mean pitch.

Licences: the engines are GPL-3+ (espeak-ng) and BSD-style (flite); our reading is that the
audio they synthesise is the output of a program, not a copy of it, and is not covered by
the engines' licences. We release the generated files as CC0-1.0.

The trigger word is "activate"; the negatives are other words, among them sound-alikes
("activity", "action", "captivate", ...). Each utterance is resampled to 16 kHz, its silent
ends cut, and its level set to a random -24..-16 dBFS. The voice "flite slt" is held out of
training: it makes the second dev set.

Backgrounds (6 s, 16 kHz, a random -25..-5 dBFS before create_training_example lowers them by
20 dB) are generated: coloured noise (spectral slope 1/f^b, b in [0, 2]: white to brown),
mains hum (50 or 60 Hz and harmonics over faint noise) and babble (10-16 negatives of the
training voices overlapped, over faint noise).

Files:

* ``trigger_word.h5`` (committed, a few MB): 12 "activate"s and 16 negatives of training
  voices and 4 backgrounds for the notebook; two dev sets of 12 five-second clips each,
  mixed by the course's reference ``utils.trigger_word.compose_example`` (at least one
  "activate" per clip): new utterances of training voices, and the held-out voice; the
  events (start, end in ms) of their "activate"s.
* ``build/trigger_clips.h5`` (not committed: build/ is ignored; 35 MB, rebuilt by this
  script): every training utterance, and the larger dev sets (100 clips each) that ``train_trigger.py`` scores.

Run: ``python datasets/build_all.py build_trigger`` (about a minute; it records the manifest
entry) or ``python datasets/build_trigger.py``.
"""
from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

from h5write import write_h5                                   # noqa: E402
from utils.audio import RATE, read_wav, trim_silence, match_target_amplitude  # noqa: E402

SEED = 20
ACCENTS = ["en-gb", "en-us", "en-gb-scotland", "en-gb-x-gbclan", "en-gb-x-rp",
           "en-gb-x-gbcwmd", "en-029"]
VARIANTS = ["m1", "m2", "m3", "m4", "m5", "m6", "m7", "f1", "f2", "f3", "f4", "f5",
            "klatt", "klatt2", "klatt3", "klatt4", "croak"]
FLITE_VOICES = ["awb", "kal", "kal16", "rms", "slt"]
HELD_OUT = "flite:slt"
TRIGGER = "activate"
SOUND_ALIKES = ["activity", "action", "captivate", "active", "motivate", "cultivate",
                "actor", "activist"]
OTHER_WORDS = ["hello", "weather", "music", "kitchen", "window", "yellow", "morning",
               "station", "computer", "garden", "travel", "paper", "orange", "seven", "today",
               "button", "listen", "coffee", "remember", "banana", "tomorrow", "basket"]
NEGATIVE_WORDS = SOUND_ALIKES + OTHER_WORDS
BACKGROUND_SECONDS = 6
N_DEV_COMMITTED, N_DEV_FULL = 12, 100


def espeak_voices():
    return [f"espeak:{a}+{v}" for a in ACCENTS for v in VARIANTS]


def training_voices():
    return espeak_voices() + [f"flite:{v}" for v in FLITE_VOICES if f"flite:{v}" != HELD_OUT]


def synthesise(voice: str, word: str, rng: np.random.Generator, tmp: Path) -> np.ndarray:
    """One utterance of word (n,) float32 at 16 kHz, trimmed and levelled."""
    engine, name = voice.split(":")
    out = tmp / "u.wav"
    if engine == "espeak":
        cmd = ["espeak-ng", "-v", name, "-p", str(int(rng.integers(20, 81))),
               "-s", str(int(rng.integers(120, 191))), "-w", str(out), word]
    else:
        cmd = ["flite", "-voice", name, "--setf",
               f"duration_stretch={rng.uniform(0.8, 1.3):.3f}", "--setf",
               f"int_f0_target_mean={rng.uniform(85, 125) if name != 'slt' else rng.uniform(150, 200):.1f}",
               "-t", word, "-o", str(out)]
    subprocess.run(cmd, check=True, capture_output=True)
    samples, _ = read_wav(out, rate=RATE)
    samples = trim_silence(samples)
    return match_target_amplitude(samples, rng.uniform(-24, -16))


def coloured_noise(rng, n, slope):
    spectrum = rng.normal(size=n // 2 + 1) + 1j * rng.normal(size=n // 2 + 1)
    f = np.arange(n // 2 + 1, dtype=np.float64)
    f[0] = 1.0
    x = np.fft.irfft(spectrum / f ** (slope / 2), n)
    return (x / x.std()).astype(np.float32)


def make_background(rng: np.random.Generator, kind: str, babble_words) -> np.ndarray:
    """A 6 s background (96,000,) of one kind: "noise", "hum" or "babble"."""
    n = RATE * BACKGROUND_SECONDS
    if kind == "noise":
        x = coloured_noise(rng, n, rng.uniform(0, 2))
    elif kind == "hum":
        t = np.arange(n) / RATE
        base = rng.choice([50.0, 60.0])
        x = sum(rng.uniform(0.2, 1) / k * np.sin(2 * np.pi * base * k * t + rng.uniform(0, 6.3))
                for k in range(1, 8))
        x = x / np.std(x) + 0.3 * coloured_noise(rng, n, 1.0)
    elif kind == "babble":
        x = 0.2 * coloured_noise(rng, n, 1.0)
        for _ in range(int(rng.integers(10, 17))):
            w = babble_words[int(rng.integers(len(babble_words)))]
            w = w[:n]
            start = int(rng.integers(0, n - len(w)))
            x[start:start + len(w)] += w / (w.std() + 1e-9) * rng.uniform(0.3, 1.0)
    else:
        raise ValueError(kind)
    return match_target_amplitude(np.asarray(x, dtype=np.float32), rng.uniform(-25, -5))


BACKGROUND_KINDS = ["noise", "hum", "babble"]


def ragged(clips):
    offsets = np.concatenate([[0], np.cumsum([len(c) for c in clips])]).astype(np.int64)
    return np.concatenate(clips), offsets


def pcm(x):
    return np.round(np.clip(x, -1, 1) * 32767).astype(np.int16)


def dev_set(rng_seed, activates, negatives, voices_act, babble_words, n):
    """n clips mixed by the reference compose_example (redrawn until one holds an activate)."""
    from utils.audio import match_target_amplitude as level
    from utils.trigger_word import compose_example
    rng = np.random.default_rng(rng_seed)
    np.random.seed(rng_seed)
    audio, events, voices = [], [], []
    while len(audio) < n:
        bg = make_background(rng, BACKGROUND_KINDS[len(audio) % 3], babble_words)
        mix, _, inserted = compose_example(bg, activates, negatives)
        if not inserted:
            continue
        audio.append(pcm(level(mix, -20.0)))
        events.append(inserted)
        voices.append("")
    ev = np.array([(i, s, e) for i, evs in enumerate(events) for s, e in evs], dtype=np.int32)
    return np.stack(audio), ev


LICENSE_NOTE = ("CC0-1.0 (generated); synthesised with espeak-ng (GPL-3.0-or-later) and flite "
                "(BSD-style CMU/Edinburgh licence): our reading is that audio synthesised by "
                "these programs is their output, not a copy of them, and is not covered by "
                "their licences")


def build(out_dir=HERE) -> dict:
    """Synthesise, mix and write trigger_word.h5 and build/trigger_clips.h5 into out_dir."""
    import shutil
    missing = [tool for tool in ("espeak-ng", "flite") if shutil.which(tool) is None]
    if missing:
        raise SystemExit(f"build_trigger.py needs {' and '.join(missing)}: "
                           "apt-get install espeak-ng flite (Debian/Ubuntu)")
    out_dir = Path(out_dir)
    rng = np.random.default_rng(SEED)
    train_voices = training_voices()
    with tempfile.TemporaryDirectory() as tmpdir:
        tmp = Path(tmpdir)
        pools = {"train": ([], [], [], [], []), "dev": ([], [], [], [], []),
                 "heldout": ([], [], [], [], [])}

        def add(pool, voice, n_act, n_neg):
            acts, act_voices, negs, neg_voices, neg_words = pools[pool]
            for _ in range(n_act):
                acts.append(synthesise(voice, TRIGGER, rng, tmp))
                act_voices.append(voice)
            for _ in range(n_neg):
                # a sound-alike half of the time
                words = SOUND_ALIKES if rng.random() < 0.5 else OTHER_WORDS
                word = words[int(rng.integers(len(words)))]
                negs.append(synthesise(voice, word, rng, tmp))
                neg_voices.append(voice)
                neg_words.append(word)

        for voice in train_voices:
            flite = voice.startswith("flite")
            add("train", voice, 12 if flite else 2, 16 if flite else 3)
            add("dev", voice, 1, 1)          # new utterances of the training voices
        add("heldout", HELD_OUT, 40, 50)
        print({k: (len(v[0]), len(v[2])) for k, v in pools.items()})

    train_acts, train_act_voices, train_negs, train_neg_voices, train_neg_words = pools["train"]
    dev = pools["dev"]
    held = pools["heldout"]
    bg_rng = np.random.default_rng(SEED + 1)
    full = {}
    committed = {}
    for name, (acts, _, negs, _, _), seed in [("dev_train_voices", dev, 101),
                                              ("dev_heldout_voice", held, 102)]:
        audio, ev = dev_set(seed, acts, negs, None, dev[2], N_DEV_FULL)
        full[f"{name}/audio"] = audio
        full[f"{name}/events"] = ev
        committed[f"{name}/audio"] = audio[:N_DEV_COMMITTED]
        committed[f"{name}/events"] = ev[ev[:, 0] < N_DEV_COMMITTED]
        voice_names = "\n".join(["training voices (new utterances)" if name ==
                                 "dev_train_voices" else HELD_OUT] * N_DEV_COMMITTED)
        committed[f"{name}/voices"] = np.frombuffer(voice_names.encode(), np.uint8)
    # the notebook's raw clips: the first of a spread of training voices
    pick_a = np.linspace(0, len(train_acts) - 1, 12).astype(int)
    pick_n = np.linspace(0, len(train_negs) - 1, 16).astype(int)
    backgrounds = [make_background(bg_rng, kind, train_negs)
                   for kind in ["noise", "hum", "babble", "noise"]]

    def strings(items):
        return np.frombuffer("\n".join(items).encode(), np.uint8)

    samples, offsets = ragged([pcm(train_acts[i]) for i in pick_a])
    committed["activates/samples"], committed["activates/offsets"] = samples, offsets
    committed["activate_voices"] = strings([train_act_voices[i] for i in pick_a])
    samples, offsets = ragged([pcm(train_negs[i]) for i in pick_n])
    committed["negatives/samples"], committed["negatives/offsets"] = samples, offsets
    committed["negative_voices"] = strings([train_neg_voices[i] for i in pick_n])
    committed["negative_words"] = strings([train_neg_words[i] for i in pick_n])
    committed["backgrounds"] = np.stack([pcm(b) for b in backgrounds])
    committed["background_kinds"] = strings(["noise", "hum", "babble", "noise"])
    attrs = {"description": __doc__.split("\n")[0], "seed": SEED, "rate": RATE}
    write_h5(out_dir / "trigger_word.h5", committed, attrs)

    samples, offsets = ragged([pcm(a) for a in train_acts])
    full["activates/samples"], full["activates/offsets"] = samples, offsets
    samples, offsets = ragged([pcm(a) for a in train_negs])
    full["negatives/samples"], full["negatives/offsets"] = samples, offsets
    full["activate_voices"] = strings(train_act_voices)
    full["negative_voices"] = strings(train_neg_voices)
    full["negative_words"] = strings(train_neg_words)
    (out_dir / "build").mkdir(exist_ok=True)
    write_h5(out_dir / "build" / "trigger_clips.h5", full, attrs)
    for f in ("trigger_word.h5", "build/trigger_clips.h5"):
        print(f"  {f}: {(out_dir / f).stat().st_size} bytes")
    return {"trigger_word.h5": manifest_info()}


def manifest_info() -> dict:
    """The manifest entry of trigger_word.h5 (build_all.py adds size and checksum)."""
    return {
        "description": (f"spoken words and backgrounds for trigger-word detection, 16 kHz int16: "
                        f"12 'activate's and 16 negatives (incl. sound-alikes) of training "
                        f"voices, 4 generated 6 s backgrounds (coloured noise, mains hum, "
                        f"babble), and two dev sets of {N_DEV_COMMITTED} five-second clips "
                        f"with the (start, end) ms of each 'activate': new utterances of the "
                        f"training voices ({len(ACCENTS)} espeak-ng English accents x "
                        f"{len(VARIANTS)} variants, flite awb/kal/kal16/rms), and the "
                        f"held-out voice {HELD_OUT}. build/trigger_clips.h5 (every training "
                        f"utterance, 100-clip dev sets) is rebuilt beside it, not committed"),
        "source": "synthesised by datasets/build_trigger.py with Debian's espeak-ng and flite "
                  "(apt-get install espeak-ng flite); backgrounds generated in NumPy",
        "license": LICENSE_NOTE,
        "attribution": "generated for this course; espeak-ng by the eSpeak NG contributors, "
                       "Flite by Carnegie Mellon University (Alan W Black, Kevin Lenzo)",
        "used_by": ["c5w3a2_trigger_word"],
    }


if __name__ == "__main__":
    build(HERE)
