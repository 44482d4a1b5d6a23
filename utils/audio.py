"""Sound as NumPy arrays: WAV files, resampling, loudness and the course's one spectrogram.

A sound is a 1-D float array of samples in [-1, 1] (``samples``, shape (n,)) at ``rate``
samples per second (16,000 in the course). Files are 16-bit PCM WAV, read and written with
the standard library's ``wave``; nothing here needs anything but NumPy.

The spectrogram (``spectrogram``) is the one both sound notebooks use (c5w1a3_music,
c5w3a2_trigger_word): a short-time Fourier transform with a Hann window of ``nfft`` samples
moved by ``nfft - noverlap`` samples, as matplotlib's ``specgram`` computes it (one-sided
power spectral density), returned in decibels with time first:

    n_frames = (n - noverlap) // (nfft - noverlap)        (n - nfft) // hop + 1
    n_freqs  = nfft // 2 + 1

so 5 s at 16 kHz with nfft = 200, noverlap = 120 (a hop of 80 samples, 5 ms) gives
(998, 101): 998 frames of 101 frequencies from 0 to 8 kHz in steps of 80 Hz.
"""
from __future__ import annotations

import io
import os
import wave
from pathlib import Path

import numpy as np

__all__ = ["RATE", "read_wav", "write_wav", "wav_bytes", "to_mono", "resample", "trim_silence",
           "rms_dbfs", "match_target_amplitude", "spectrogram", "spectrogram_frames",
           "frame_times", "chime"]

RATE = 16000            # samples per second everywhere in the course


def to_mono(samples: np.ndarray) -> np.ndarray:
    """(n,) or (n, channels) -> (n,): the mean of the channels."""
    samples = np.asarray(samples)
    return samples.mean(axis=1) if samples.ndim == 2 else samples


def read_wav(path, rate: int | None = RATE) -> tuple[np.ndarray, int]:
    """Read a PCM WAV file (8, 16, 24 or 32 bit, any channels) -> (samples (n,) float32 in
    [-1, 1], rate). Stereo is averaged to mono; with ``rate`` given (16,000 by default) the
    sound is resampled to it (``rate=None`` keeps the file's rate). Compressed WAV files
    (MP3 or A-law inside) are refused with a ValueError: export 16-bit PCM instead."""
    path = _path(path, "read_wav")
    try:
        with wave.open(path, "rb") as w:
            channels, width, file_rate = w.getnchannels(), w.getsampwidth(), w.getframerate()
            raw = w.readframes(w.getnframes())
    except wave.Error as err:
        raise ValueError(f"{path}: not a PCM WAV file that Python's wave module reads ({err}); "
                         "save the recording as 16-bit PCM WAV") from None
    if width == 1:
        data = (np.frombuffer(raw, np.uint8).astype(np.float32) - 128.0) / 128.0
    elif width == 2:
        data = np.frombuffer(raw, "<i2").astype(np.float32) / 32768.0
    elif width == 3:
        b = np.frombuffer(raw, np.uint8).reshape(-1, 3).astype(np.int32)
        v = b[:, 0] | (b[:, 1] << 8) | (b[:, 2] << 16)
        data = (np.where(v >= 1 << 23, v - (1 << 24), v) / float(1 << 23)).astype(np.float32)
    elif width == 4:
        data = (np.frombuffer(raw, "<i4") / float(1 << 31)).astype(np.float32)
    else:
        raise ValueError(f"{path}: {8 * width}-bit samples are not supported")
    samples = to_mono(data.reshape(-1, channels)).astype(np.float32)
    if rate is not None and rate != file_rate:
        return resample(samples, file_rate, rate), rate
    return samples, file_rate


def _path(path, what):
    if not isinstance(path, (str, os.PathLike)):
        raise TypeError(f"{what}: path must be a str or a pathlib.Path, got {type(path).__name__}")
    return os.fspath(path)


def _pcm16(samples: np.ndarray) -> bytes:
    s = np.asarray(samples, dtype=np.float64)
    if s.ndim != 1:
        raise ValueError(f"samples must be 1-D (n,), got shape {s.shape}")
    return np.round(np.clip(s, -1.0, 1.0) * 32767.0).astype("<i2").tobytes()


def write_wav(path, samples: np.ndarray, rate: int = RATE) -> Path:
    """Write samples (n,) in [-1, 1] (values beyond are clipped) as 16-bit mono PCM WAV."""
    path = _path(path, "write_wav")
    frames = _pcm16(samples)                 # checked before the file is created
    with wave.open(path, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(int(rate))
        w.writeframes(frames)
    return Path(path)


def wav_bytes(samples: np.ndarray, rate: int = RATE) -> bytes:
    """The bytes of the WAV file ``write_wav`` would write (for a player in a web page)."""
    frames = _pcm16(samples)
    buf = io.BytesIO()
    with wave.open(buf, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(int(rate))
        w.writeframes(frames)
    return buf.getvalue()


def resample(samples: np.ndarray, rate_in: int, rate_out: int) -> np.ndarray:
    """(n,) at rate_in -> (round(n * rate_out / rate_in),) at rate_out, float32.

    Band-limited (Fourier) resampling: the spectrum is cut or zero-extended, so going down
    removes what the new rate cannot hold instead of folding it back (aliasing)."""
    samples = np.asarray(samples, dtype=np.float64)
    n = samples.shape[0]
    if rate_in == rate_out or n == 0:
        return samples.astype(np.float32)
    n_out = int(round(n * rate_out / rate_in))
    spectrum = np.fft.rfft(samples)
    keep = min(spectrum.shape[0], n_out // 2 + 1)
    out_spectrum = np.zeros(n_out // 2 + 1, dtype=complex)
    out_spectrum[:keep] = spectrum[:keep]
    return (np.fft.irfft(out_spectrum, n_out) * (n_out / n)).astype(np.float32)


def trim_silence(samples: np.ndarray, rate: int = RATE, threshold_db: float = -40.0,
                 pad_ms: float = 20.0) -> np.ndarray:
    """Cut the silence at both ends: keep from pad_ms before the first 10 ms frame whose
    level is within threshold_db of the loudest frame, to pad_ms after the last one."""
    samples = np.asarray(samples, dtype=np.float32)
    hop = max(1, rate // 100)
    n = samples.shape[0] // hop
    if n == 0:
        return samples
    level = np.sqrt((samples[:n * hop].reshape(n, hop).astype(np.float64) ** 2).mean(axis=1))
    loud = np.flatnonzero(20 * np.log10(level + 1e-12) > 20 * np.log10(level.max() + 1e-12)
                          + threshold_db)
    pad = int(rate * pad_ms / 1000)
    return samples[max(0, loud[0] * hop - pad):min(samples.shape[0], (loud[-1] + 1) * hop + pad)]


def rms_dbfs(samples: np.ndarray) -> float:
    """Loudness: the root-mean-square level in decibels relative to full scale (a sine of
    amplitude 1 is -3 dBFS; silence is -inf)."""
    rms = float(np.sqrt(np.mean(np.asarray(samples, dtype=np.float64) ** 2)))
    return 20 * np.log10(rms) if rms > 0 else -np.inf


def match_target_amplitude(samples: np.ndarray, target_dbfs: float = -20.0) -> np.ndarray:
    """Scale a sound (n,) so that its RMS level is target_dbfs (a new array; silence stays
    silence)."""
    samples = np.asarray(samples, dtype=np.float32)
    level = rms_dbfs(samples)
    if not np.isfinite(level):
        return samples.copy()
    return (samples * np.float32(10 ** ((target_dbfs - level) / 20))).astype(np.float32)


def spectrogram_frames(n_samples: int, nfft: int = 200, noverlap: int = 120) -> int:
    """How many frames ``spectrogram`` gives for n_samples: (n - noverlap) // (nfft - noverlap)."""
    return (n_samples - noverlap) // (nfft - noverlap)


def frame_times(n_frames: int, rate: int = RATE, nfft: int = 200, noverlap: int = 120):
    """The centre of each frame in seconds, (n_frames,)."""
    return (np.arange(n_frames) * (nfft - noverlap) + nfft / 2) / rate


def spectrogram(samples: np.ndarray, rate: int = RATE, nfft: int = 200,
                noverlap: int = 120) -> np.ndarray:
    """The power spectrogram in dB: samples (n,) -> (n_frames, nfft // 2 + 1) float32.

    Frame k covers samples [k hop, k hop + nfft) with hop = nfft - noverlap, multiplied by a
    Hann window; its one-sided power spectral density (matplotlib's ``specgram`` scaling:
    |FFT|^2 / (rate * sum(window^2)), doubled except at 0 and rate/2) is returned as
    10 log10(PSD + 1e-10). Row k is the k-th frame (time first, as the models read it)."""
    x = np.asarray(samples, dtype=np.float64)
    if x.ndim != 1:
        raise ValueError(f"spectrogram: samples must be 1-D (n,), got shape {x.shape}")
    hop = nfft - noverlap
    n_frames = spectrogram_frames(x.shape[0], nfft, noverlap)
    if n_frames < 1:
        raise ValueError(f"spectrogram: {x.shape[0]} samples is shorter than one frame ({nfft})")
    window = np.hanning(nfft)
    idx = np.arange(nfft)[None, :] + hop * np.arange(n_frames)[:, None]
    frames = x[idx] * window
    psd = np.abs(np.fft.rfft(frames, axis=1)) ** 2 / (rate * (window ** 2).sum())
    psd[:, 1:-1 if nfft % 2 == 0 else None] *= 2
    return (10 * np.log10(psd + 1e-10)).astype(np.float32)


def chime(rate: int = RATE, duration: float = 0.35, pitch: float = 1318.5) -> np.ndarray:
    """A short bell-like chime (n,) (two partials under a decaying envelope), peak 0.5."""
    t = np.arange(int(rate * duration)) / rate
    tone = np.sin(2 * np.pi * pitch * t) + 0.5 * np.sin(2 * np.pi * 2.76 * pitch * t)
    env = np.exp(-t / (duration / 5)) * np.minimum(1, t / 0.005)
    out = tone * env
    return (0.5 * out / np.abs(out).max()).astype(np.float32)
