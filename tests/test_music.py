"""c5w1a3_music's pieces: the token layers (utils.nn.tokens), the chorale data (utils.chorales,
datasets/chorales.h5), the synthesiser (utils.synth), the reference models (utils.music) and the
shipped weights; all cheap (a few seconds)."""
from __future__ import annotations

import numpy as np
import pytest

from utils import nn
from utils.architecture import rebuild_model
from utils.chorales import (IN_KEY, in_key_share, load_chorales, load_music_weights,
                            sequence_probabilities, to_notes, token_names, windows)
from utils.music import djmodel, music_inference_model, predict_and_sample, shared_layers
from utils.nn.layers import LayerError
from utils.synth import RATE, envelope, midi_to_hz, synthesize, tone

from test_nn_seq_layers import graph_gradcheck, leaf


# ------------------------------------------------------------------------- the token layers
def test_time_step_picks_a_step_and_its_gradient_checks():
    nn.set_default_dtype(np.float64)
    try:
        rng = np.random.default_rng(0)
        x = leaf(rng.normal(size=(3, 5, 4)))
        G = rng.normal(size=(3, 4))
        for t in (0, 2, -1):
            layer = nn.TimeStep(t)
            assert np.array_equal(layer(x).numpy(), x.data[:, t])
            assert graph_gradcheck(lambda: (layer(x) * G).sum(), [x]) < 1e-6
        with pytest.raises(LayerError, match="TimeStep"):
            nn.TimeStep(5)(x)
    finally:
        nn.set_default_dtype(np.float32)


def test_argmax_and_one_hot():
    p = np.array([[0.1, 0.7, 0.2], [0.5, 0.2, 0.3]], dtype=np.float32)
    ids = nn.Argmax(axis=-1)(p).numpy()
    assert ids.dtype == np.int64 and ids.tolist() == [1, 0]
    assert nn.Argmax(axis=0)(p).numpy().tolist() == [1, 0, 1]
    hot = nn.OneHot(3)(ids).numpy()
    assert hot.dtype == np.float32 and hot.tolist() == [[0, 1, 0], [1, 0, 0]]
    with pytest.raises(LayerError, match=r"0\.\.2"):
        nn.OneHot(3)(np.array([3]))


def test_random_categorical_follows_the_temperature_and_the_seed():
    p = np.tile(np.array([[0.6, 0.3, 0.1, 0.0]]), (20000, 1))
    nn.set_seed(3)
    first = nn.RandomCategorical(1.0)(p).numpy()
    nn.set_seed(3)
    assert np.array_equal(nn.RandomCategorical(1.0)(p).numpy(), first)      # seeded
    assert np.allclose(np.bincount(first, minlength=4) / len(first), p[0], atol=0.015)
    assert not np.any(first == 3)                                            # p = 0: never
    sharp = nn.RandomCategorical(0.5)(p).numpy()                            # p ** 2, renormalised
    want = p[0] ** 2 / np.sum(p[0] ** 2)
    assert np.allclose(np.bincount(sharp, minlength=4) / len(sharp), want, atol=0.015)
    assert np.all(nn.RandomCategorical(0.01)(p[:50]).numpy() == 0)          # near the argmax
    with np.errstate(all="raise"):                                          # zeros: uniform
        uniform = nn.RandomCategorical(1.0)(np.zeros((4000, 4))).numpy()
    assert set(uniform.tolist()) == {0, 1, 2, 3}
    with pytest.raises(ValueError, match="temperature"):
        nn.RandomCategorical(0.0)


def test_inference_models_rebuild_from_their_description():
    layers = shared_layers(6, 5)
    for temperature in (None, 0.8):
        model = music_inference_model(layers["LSTM_cell"], layers["densor"], Ty=4,
                                      temperature=temperature)
        copy = rebuild_model(model.get_config(), model.get_weights())
        rng = np.random.default_rng(1)
        inputs = [np.eye(6, dtype=np.float32)[rng.integers(0, 6, size=(3, 1))],
                  rng.normal(size=(3, 5)).astype(np.float32),
                  rng.normal(size=(3, 5)).astype(np.float32)]
        nn.set_seed(5)
        mine = model.predict(inputs)
        nn.set_seed(5)
        assert all(np.array_equal(a, b) for a, b in zip(mine, copy.predict(inputs)))
        results, indices = predict_and_sample(copy, *inputs)
        assert indices.shape == (4, 3) and results.shape == (4, 3, 6)
        assert np.array_equal(results.argmax(axis=-1), indices)


# ------------------------------------------------------------------------------ the data
@pytest.fixture(scope="module")
def data():
    return load_chorales()


def test_chorales_split_by_tune(data):
    assert len(data["train"]) + len(data["heldout"]) == 371
    assert data["n_values"] == len(token_names(data["pitches"])) == 32
    steps = sum(map(len, data["train"] + data["heldout"]))
    assert 38_000 < steps < 42_000
    train_openings = {tuple(m[:16]) for m in data["train"]}
    assert not any(tuple(m[:16]) in train_openings for m in data["heldout"])
    for m in data["train"] + data["heldout"]:
        assert m.max() < data["n_values"] and m[0] != 1          # never starts with a hold
    share = in_key_share(np.concatenate(data["train"]), data["pitches"])
    assert 0.9 < share < 1.0                                     # C major / A minor, mostly


def test_windows_and_notes(data):
    X, Y = windows(data["train"][:3], 8, 4, data["n_values"])
    assert X.shape[1:] == (8, 32) and Y.shape == (8, X.shape[0], 32)
    assert np.array_equal(X[:, 1:], Y[:-1].swapaxes(0, 1))       # Y[t] is the token after X[:, t]
    pitches = np.array([60, 62])
    assert to_notes([2, 1, 1, 0, 3, 0, 1, 2], pitches) == [(0, 3, 60), (4, 1, 62), (7, 1, 60)]
    assert in_key_share([2, 1, 3], np.array([60, 61])) == 0.5
    assert IN_KEY == {0, 2, 4, 5, 7, 9, 11}


# ------------------------------------------------------------------- the trained weights
def test_djmodel_with_the_trained_cell_is_the_sequence_model(data):
    """train_music.py trains the cell as one LSTM over the window: djmodel's Tx steps of the
    shared cell compute the same probabilities."""
    layers = shared_layers(data["n_values"], 64)
    model = djmodel(12, layers["LSTM_cell"], layers["densor"], layers["reshaper"])
    info = load_music_weights(layers["LSTM_cell"], layers["densor"])
    assert info["accuracy"]["split"] == "heldout" and info["accuracy"]["value"] > 0.6
    melody = data["heldout"][2][:13]
    zeros = np.zeros((1, 64), dtype=np.float32)
    steps = np.stack(model.predict([np.eye(32, dtype=np.float32)[melody[None, :12]],
                                    zeros, zeros]), axis=1)[0]
    whole = sequence_probabilities(layers["LSTM_cell"], layers["densor"], [melody])[0]
    assert np.allclose(steps, whole, atol=1e-5)


# ------------------------------------------------------------------------------ the sound
def test_tone_has_its_pitch_and_envelope():
    wave = tone(69, 0.5)                                         # A4, 440 Hz
    assert len(wave) == round(0.5 * RATE) + round(0.06 * RATE)
    spectrum = np.abs(np.fft.rfft(wave * np.hanning(len(wave))))
    peak = np.fft.rfftfreq(len(wave), 1 / RATE)[spectrum.argmax()]
    assert abs(peak - 440) < 5
    assert midi_to_hz(60) == pytest.approx(261.6256, abs=1e-3)
    env = envelope(800, 100)
    assert env[0] == 0 and env.max() == pytest.approx(1, abs=0.01) and env[-1] < 0.02
    assert np.isclose(env[799], 0.7)                             # the sustain level


def test_synthesize_places_and_scales_notes():
    wave = synthesize([(0, 2, 60), (4, 2, 67)], step_seconds=0.25)
    assert wave.dtype == np.float64 and np.abs(wave).max() == pytest.approx(0.8)
    gap = wave[int(0.62 * RATE):int(0.98 * RATE)]                # between the notes: silence
    assert np.abs(gap).max() < 1e-9
    assert np.abs(wave[int(1.05 * RATE):int(1.4 * RATE)]).max() > 0.1
    assert not synthesize([]).any()


def test_weights_load_into_unbuilt_layers(data):
    """A student whose djmodel does not run yet still gets the trained layers (section 4)."""
    cell, densor = nn.LSTM(64, return_state=True), nn.Dense(data["n_values"], activation="softmax")
    load_music_weights(cell, densor)
    probs = sequence_probabilities(cell, densor, data["heldout"][:2])
    assert probs[0].shape == (len(data["heldout"][0]) - 1, 32)


def test_midi_round_trip(tmp_path):
    pytest.importorskip("mido")
    from utils.midi import read_midi, write_midi
    notes = [(0, 2, 60), (2, 1, 62), (3, 1, 62), (6, 4, 67)]
    assert read_midi(write_midi(notes, tmp_path / "m.mid")) == notes


def test_what_the_notebook_says_about_the_trained_model(data):
    """c5w1a3 sections 4 and 6 say: the LSTM's held-out perplexity is below the bigram's, which
    is below the unigram's; the unigram model bets on hold; the bigram model never predicts a
    new note; sampled melodies (seed 7, temperature 1, as the notebook draws them) keep to the
    key and start notes about as often as the real ones."""
    n_values = data["n_values"]
    layers = shared_layers(n_values, 64)
    load_music_weights(layers["LSTM_cell"], layers["densor"])
    held = data["heldout"]
    targets = np.concatenate([m[1:] for m in held])
    previous = np.concatenate([m[:-1] for m in held])
    train = np.concatenate(data["train"])
    unigram = (np.bincount(train, minlength=n_values) + 1.0) / (len(train) + n_values)
    pairs = np.ones((n_values, n_values))
    for m in data["train"]:
        np.add.at(pairs, (m[:-1], m[1:]), 1)
    bigram = (pairs / pairs.sum(axis=1, keepdims=True))[previous]
    lstm = np.concatenate(sequence_probabilities(layers["LSTM_cell"], layers["densor"], held))

    def perplexity(p):
        return np.exp(-np.mean(np.log(p[np.arange(len(targets)), targets])))

    assert perplexity(lstm) < perplexity(bigram) < perplexity(np.tile(unigram, (len(targets), 1)))
    assert unigram.argmax() == 1                                   # hold
    assert not np.any(bigram.argmax(axis=1) >= 2)
    starts = np.array([m[0] for m in held])
    x0 = np.eye(n_values, dtype=np.float32)[starts][:, None, :]
    zeros = np.zeros((len(starts), 64), dtype=np.float32)
    nn.set_seed(7)
    sampler = music_inference_model(layers["LSTM_cell"], layers["densor"], Ty=64,
                                    temperature=1.0)
    _, sampled = predict_and_sample(sampler, x0, zeros, zeros)
    generated = np.concatenate([np.concatenate([[s], sampled[:, k]])
                                for k, s in enumerate(starts)])
    real = np.concatenate([m[:65] for m in held])
    assert abs(in_key_share(generated, data["pitches"]) -
               in_key_share(real, data["pitches"])) < 0.03
    assert abs(np.mean(generated >= 2) - np.mean(real >= 2)) < 0.05
