"""utils/audio.py: WAV files, resampling, loudness and the course's one spectrogram."""
import wave

import numpy as np
import pytest

from utils.audio import (RATE, chime, match_target_amplitude, read_wav, resample, rms_dbfs,
                         spectrogram, spectrogram_frames, trim_silence, wav_bytes, write_wav)


def test_wav_round_trip_and_formats(tmp_path):
    x = (0.5 * np.sin(2 * np.pi * 440 * np.arange(RATE // 4) / RATE)).astype(np.float32)
    path = write_wav(tmp_path / "a.wav", x)
    y, rate = read_wav(path)
    assert rate == RATE and y.dtype == np.float32 and y.shape == x.shape
    assert np.abs(y - x).max() < 1e-4
    assert path.read_bytes() == wav_bytes(x)
    # a stereo 8-bit file at 8 kHz is averaged to mono and resampled to 16 kHz
    with wave.open(str(tmp_path / "b.wav"), "wb") as w:
        w.setnchannels(2)
        w.setsampwidth(1)
        w.setframerate(8000)
        w.writeframes(np.full((800, 2), [128 + 64, 128], np.uint8).tobytes())
    z, rate = read_wav(tmp_path / "b.wav")
    assert rate == RATE and z.shape == (1600,)
    assert np.allclose(z[100:-100], 0.25, atol=0.02)
    assert read_wav(tmp_path / "b.wav", rate=None)[1] == 8000


def test_wav_errors_name_the_problem(tmp_path):
    (tmp_path / "bad.wav").write_bytes(b"not a wav file at all")
    with pytest.raises(ValueError, match="16-bit PCM WAV"):
        read_wav(tmp_path / "bad.wav")
    with pytest.raises(TypeError):
        write_wav((950, 1430), np.zeros(10))          # never a file named after a tuple
    with pytest.raises(ValueError, match="1-D"):
        write_wav(tmp_path / "c.wav", np.zeros((3, 4)))
    assert not (tmp_path / "c.wav").exists()


def test_resample_keeps_a_tone_and_removes_what_cannot_be_held():
    t = np.arange(22050) / 22050
    tone = np.sin(2 * np.pi * 1000 * t) + np.sin(2 * np.pi * 10000 * t)   # 10 kHz > 8 kHz
    y = resample(tone, 22050, RATE)
    assert y.shape == (RATE,)
    spectrum = np.abs(np.fft.rfft(y)) / len(y)
    assert spectrum[1000] == pytest.approx(0.5, abs=0.01)
    assert spectrum[6000] < 1e-3            # 10 kHz would alias to 6 kHz; it is gone


def test_spectrogram_is_matplotlibs_specgram_in_db():
    mlab = pytest.importorskip("matplotlib.mlab")
    x = np.random.default_rng(0).normal(size=80000)
    s = spectrogram(x)
    assert s.shape == (998, 101) == (spectrogram_frames(80000), 101)
    pxx, freqs, _ = mlab.specgram(x, NFFT=200, Fs=RATE, noverlap=120)
    assert np.abs(s - 10 * np.log10(pxx.T + 1e-10)).max() < 1e-3
    assert freqs[1] == 80.0
    with pytest.raises(ValueError, match="1-D"):
        spectrogram(np.zeros((2, 500)))


def test_loudness_trim_and_chime():
    x = np.random.default_rng(1).normal(size=4000).astype(np.float32)
    assert rms_dbfs(match_target_amplitude(x, -20.0)) == pytest.approx(-20.0, abs=1e-4)
    assert rms_dbfs(np.zeros(10)) == -np.inf
    assert np.all(match_target_amplitude(np.zeros(10), -20.0) == 0)
    padded = np.concatenate([np.zeros(8000), 0.3 * x, np.zeros(8000)]).astype(np.float32)
    trimmed = trim_silence(padded)
    assert 4000 <= len(trimmed) <= 4000 + 2 * 320 + 160
    bell = chime()
    assert bell.dtype == np.float32 and np.abs(bell).max() == pytest.approx(0.5)
