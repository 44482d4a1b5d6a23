"""What c5w3a2 (trigger-word detection) is given: its geometry, its data, the random segment
helper, event detection and scoring, and its figures. No answer to an exercise is here (those
are in ``utils/trigger_word.py``).

Geometry (5 s clips at 16 kHz; ``utils.audio.spectrogram`` with nfft = 200, noverlap = 120):

    N_SAMPLES = 80,000 samples       CLIP_MS = 5,000 ms
    TX = (80,000 - 120) // 80 = 998 spectrogram frames of N_FREQ = 101 frequencies
    TY = (998 - 15) // 4 + 1 = 246 output steps (a Conv1D of 15 frames, stride 4, "valid")
    one output step = 5,000 / 246 = 20.3 ms; LABEL_STEPS = 50 steps = 1.02 s of ones

Audio is float32 in [-1, 1]. Times of segments are whole milliseconds from the clip's start,
(start, end) with both ends inclusive.
"""
from __future__ import annotations

import numpy as np

from utils.audio import RATE, spectrogram, spectrogram_frames, chime
from utils.data import DATA_DIR

__all__ = ["RATE", "CLIP_MS", "N_SAMPLES", "NFFT", "NOVERLAP", "N_FREQ", "TX", "TY",
           "KERNEL", "STRIDE", "LABEL_STEPS", "MS_PER_STEP", "clip_ms",
           "get_random_time_segment", "load_trigger_data", "events_to_label",
           "detect_events", "match_events", "event_scores", "per_step_accuracy",
           "insert_chimes", "plot_example", "plot_detections"]

CLIP_MS = 5000
N_SAMPLES = RATE * CLIP_MS // 1000                  # 80,000
NFFT, NOVERLAP = 200, 120
N_FREQ = NFFT // 2 + 1                              # 101
TX = spectrogram_frames(N_SAMPLES, NFFT, NOVERLAP)  # 998
KERNEL, STRIDE = 15, 4
TY = (TX - KERNEL) // STRIDE + 1                    # 246
LABEL_STEPS = 50
MS_PER_STEP = CLIP_MS / TY                          # 20.33 ms


def clip_ms(audio_clip) -> int:
    """The length of a sound (n,) in whole milliseconds, rounded up: ceil(n * 1000 / RATE)."""
    return -(-len(audio_clip) * 1000 // RATE)


def get_random_time_segment(segment_ms: int) -> tuple[int, int]:
    """A random segment of segment_ms milliseconds inside the 5,000 ms clip.

    Draws ONE number, segment_start = np.random.randint(low=0, high=CLIP_MS - segment_ms),
    and returns (segment_start, segment_end) with segment_end = segment_start + segment_ms - 1
    (both ends inclusive)."""
    segment_start = np.random.randint(low=0, high=CLIP_MS - segment_ms)
    segment_end = segment_start + segment_ms - 1
    return int(segment_start), int(segment_end)


def _ragged(handle, name):
    data = handle[f"{name}/samples"][()].astype(np.float32) / 32768.0
    offsets = handle[f"{name}/offsets"][()]
    return [data[a:b] for a, b in zip(offsets[:-1], offsets[1:])]


def load_trigger_data(path=None) -> dict:
    """The committed data of ``datasets/trigger_word.h5`` as float32 sounds in [-1, 1]:

    activates, negatives -- lists of 1-D word clips (16 kHz) in the training voices, with
        activate_voices, negative_voices, negative_words (lists of str);
    backgrounds -- list of 6 s backgrounds (96,000,), with background_kinds;
    dev_train_voices, dev_heldout_voice -- dicts: audio (n, 80,000); events, a list per clip
        of the (start_ms, end_ms) of each "activate"; label (n, TY) the ideal output;
        voices (list of str), the voice of the clip's words."""
    import h5py
    path = path or DATA_DIR / "trigger_word.h5"
    out = {}
    with h5py.File(path, "r") as h:
        def strings(key):
            return bytes(h[key][()]).decode("utf-8").split("\n")
        out["activates"] = _ragged(h, "activates")
        out["negatives"] = _ragged(h, "negatives")
        out["activate_voices"] = strings("activate_voices")
        out["negative_voices"] = strings("negative_voices")
        out["negative_words"] = strings("negative_words")
        out["backgrounds"] = list(h["backgrounds"][()].astype(np.float32) / 32768.0)
        out["background_kinds"] = strings("background_kinds")
        for split in ("dev_train_voices", "dev_heldout_voice"):
            audio = h[f"{split}/audio"][()].astype(np.float32) / 32768.0
            ev = h[f"{split}/events"][()]            # (k, 3): clip index, start, end
            events = [[(int(s), int(e)) for i, s, e in ev if i == n] for n in range(len(audio))]
            out[split] = {"audio": audio, "events": events,
                          "label": np.stack([events_to_label(e) for e in events]),
                          "voices": strings(f"{split}/voices")}
    return out


def events_to_label(events, Ty: int = TY) -> np.ndarray:
    """The ideal output (Ty,) of a clip whose "activate"s are events [(start_ms, end_ms)]:
    ones on the LABEL_STEPS steps after each end step int(end_ms * Ty / CLIP_MS)."""
    y = np.zeros(Ty, dtype=np.float32)
    for _, end in events:
        k = int(end * Ty / CLIP_MS)
        y[k + 1:k + 1 + LABEL_STEPS] = 1
    return y


def detect_events(probs, threshold: float = 0.5, refractory: int = LABEL_STEPS + 5) -> np.ndarray:
    """Detections in one output curve probs (Ty,): a step counts when the output is above
    threshold and at least ``refractory`` steps after the previous detection. So each rise
    above the threshold is one detection, and a run that stays up longer than one label (two
    words close together make one long run of ones) gives another one every ``refractory``
    steps (55 by default: the 50 steps of a label and a margin, so that an output a little
    longer than its label does not count twice). Returns the steps (k,) (as the original
    assignment's chime rule, which used 75 steps for its 50-step labels)."""
    probs = np.asarray(probs, dtype=np.float64).ravel()
    kept, last = [], -10 ** 9
    for step in np.flatnonzero(probs > threshold):
        if step - last >= refractory:
            kept.append(int(step))
            last = step
    return np.array(kept, dtype=int)


def match_events(detections, events, Ty: int = TY, early: int = 10) -> tuple[int, int, int]:
    """(true positives, false positives, false negatives) of one clip.

    A detection at step k matches an "activate" ending at step e = int(end_ms * Ty / CLIP_MS)
    when e - early <= k <= e + LABEL_STEPS (from 200 ms before the word's end to the end of
    its label); each word matches at most one detection, greedily in time order."""
    ends = [int(end * Ty / CLIP_MS) for _, end in events]
    used = [False] * len(ends)
    tp = 0
    for k in detections:
        for j, e in enumerate(ends):
            if not used[j] and e - early <= k <= e + LABEL_STEPS:
                used[j] = True
                tp += 1
                break
    return tp, len(detections) - tp, len(ends) - tp


def event_scores(probs, events_per_clip, threshold: float = 0.5) -> dict:
    """Precision, recall and F1 of detected events over clips: probs (n, Ty) (or (n, Ty, 1)),
    events_per_clip a list of n lists of (start_ms, end_ms). Returns a dict with tp, fp, fn,
    precision, recall, f1 (precision is 1 when nothing was detected, F1 0 when nothing was
    found)."""
    probs = np.asarray(probs).reshape(len(events_per_clip), -1)
    tp = fp = fn = 0
    for p, events in zip(probs, events_per_clip):
        a, b, c = match_events(detect_events(p, threshold), events, Ty=probs.shape[1])
        tp, fp, fn = tp + a, fp + b, fn + c
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"tp": tp, "fp": fp, "fn": fn, "precision": precision, "recall": recall, "f1": f1}


def per_step_accuracy(probs, labels, threshold: float = 0.5) -> float:
    """The share of output steps whose rounded output equals the label (the original
    assignment's metric): probs and labels (n, Ty) (or (n, Ty, 1))."""
    probs = np.asarray(probs).reshape(np.shape(labels)[0], -1)
    labels = np.asarray(labels).reshape(probs.shape)
    return float(np.mean((probs > threshold) == (labels > 0.5)))


def insert_chimes(audio, detections, Ty: int = TY, rate: int = RATE) -> np.ndarray:
    """A copy of a clip (n,) with a chime added at each detection step (k * CLIP_MS / Ty ms)."""
    out = np.array(audio, dtype=np.float32)
    bell = chime(rate)
    for k in detections:
        start = int(round(k * len(out) / Ty))
        piece = bell[:max(0, len(out) - start)]
        out[start:start + len(piece)] += piece
    return np.clip(out, -1, 1)


def plot_example(audio, y, title="", axes=None, rate: int = RATE):
    """Three panels: the waveform, the spectrogram (frequency against time) and the label y
    (Ty,) or (1, Ty), on a common time axis in seconds."""
    import matplotlib.pyplot as plt
    y = np.asarray(y).ravel()
    if axes is None:
        fig, axes = plt.subplots(3, 1, figsize=(9, 5.5), sharex=True,
                                 gridspec_kw={"height_ratios": [1, 2, 1]})
    audio = np.asarray(audio)
    t = np.arange(len(audio)) / rate
    axes[0].plot(t, audio, lw=0.4, color="tab:gray")
    axes[0].set_ylabel("sound")
    axes[0].set_title(title)
    spec = spectrogram(audio, rate, NFFT, NOVERLAP)
    axes[1].imshow(spec.T, origin="lower", aspect="auto", cmap="magma",
                   extent=[0, len(audio) / rate, 0, rate / 2000], vmin=spec.max() - 80)
    axes[1].set_ylabel("frequency (kHz)")
    steps = (np.arange(len(y)) + 0.5) * (len(audio) / rate) / len(y)
    axes[2].fill_between(steps, y, step="mid", color="tab:green", alpha=0.6)
    axes[2].set_ylim(-0.05, 1.1)
    axes[2].set_ylabel("label y")
    axes[2].set_xlabel("time (s)")
    return axes


def plot_detections(audio, probs, threshold=0.5, events=(), title="", axes=None,
                    rate: int = RATE):
    """The spectrogram with a cyan bar over each true "activate", and below it the output
    curve probs (Ty,) with the threshold, the detections (red triangles) and the ideal label
    (green)."""
    import matplotlib.pyplot as plt
    probs = np.asarray(probs).ravel()
    Ty = len(probs)
    if axes is None:
        fig, axes = plt.subplots(2, 1, figsize=(9, 4.5), sharex=True,
                                 gridspec_kw={"height_ratios": [2, 1.3]})
    seconds = len(audio) / rate
    spec = spectrogram(np.asarray(audio), rate, NFFT, NOVERLAP)
    axes[0].imshow(spec.T, origin="lower", aspect="auto", cmap="magma",
                   extent=[0, seconds, 0, rate / 2000], vmin=spec.max() - 80)
    axes[0].set_ylabel("frequency (kHz)")
    axes[0].set_title(title)
    steps = (np.arange(Ty) + 0.5) * seconds / Ty
    for start, end in events:              # each "activate": a bar over the spectrogram
        axes[0].plot([start / 1000, end / 1000], [7.6, 7.6], color="tab:cyan", lw=5,
                     solid_capstyle="butt")
    axes[1].fill_between(steps, events_to_label(events, Ty), step="mid", color="tab:green",
                         alpha=0.25, label="label")
    axes[1].plot(steps, probs, color="tab:blue", lw=1.2, label="model output")
    axes[1].axhline(threshold, color="tab:gray", ls="--", lw=0.8, label="threshold")
    det = detect_events(probs, threshold)
    axes[1].plot(steps[det], np.full(len(det), 1.05), "v", color="tab:red", ms=8,
                 label="detections")
    axes[1].set_ylim(-0.05, 1.5)              # room for the legend above the curve
    axes[1].set_xlabel("time (s)")
    axes[1].set_ylabel("output")
    axes[1].legend(loc="upper left", fontsize=7, ncol=4)
    return axes
