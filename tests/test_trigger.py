"""c5w3a2 (trigger-word detection): geometry, data, the reference answers, event scoring and the
TimeDistributed rebuild the grader needs. Cheap: a few seconds."""
import numpy as np
import pytest

from utils.audio import rms_dbfs, spectrogram
from utils.data import DATA_DIR
from utils.trigger_data import (CLIP_MS, LABEL_STEPS, MS_PER_STEP, N_FREQ, N_SAMPLES, TX, TY,
                                clip_ms, detect_events, event_scores, events_to_label,
                                get_random_time_segment, insert_chimes, load_trigger_data,
                                match_events, per_step_accuracy)
from utils.trigger_word import (compose_example, create_training_example, insert_audio_clip,
                                insert_ones, is_overlapping, modelf)


def test_geometry_the_notebook_states():
    assert (N_SAMPLES, TX, N_FREQ, TY) == (80000, 998, 101, 246)
    assert round(MS_PER_STEP, 2) == 20.33 and round(LABEL_STEPS * MS_PER_STEP) == 1016
    # the original's 10 s at 44.1 kHz
    tx = (441000 - 120) // 80
    assert (tx, (tx - 15) // 4 + 1) == (5511, 1375)
    assert detect_events.__defaults__ == (0.5, 55)           # "one more every 55 steps"
    assert round(10 * MS_PER_STEP) == 203          # match_events' "200 ms before the end"


def test_voices_the_notebook_counts():
    from tests.test_weights import load_script
    build = load_script(DATA_DIR / "build_trigger.py")
    assert (len(build.ACCENTS), len(build.VARIANTS), len(build.FLITE_VOICES)) == (7, 17, 5)
    assert len(build.training_voices()) == 123 and build.HELD_OUT not in build.training_voices()
    assert {"activity", "action", "captivate"} <= set(build.SOUND_ALIKES)
    assert build.TRIGGER not in build.NEGATIVE_WORDS


def test_is_overlapping_is_inclusive():
    assert is_overlapping((100, 200), [(200, 300)]) and is_overlapping((300, 400), [(200, 300)])
    assert not is_overlapping((100, 199), [(200, 300)]) and not is_overlapping((1, 2), [])
    assert is_overlapping((1200, 1300), [(0, 10), (1000, 2000)])


def test_insert_audio_clip_places_adds_and_gives_up():
    bg = np.zeros(N_SAMPLES, np.float32)
    clip = np.ones(1600, np.float32)                      # 100 ms
    previous = [(0, 2000)]
    np.random.seed(0)
    new, (start, end) = insert_audio_clip(bg, clip, previous)
    assert previous == [(0, 2000)] and not bg.any()
    assert end - start == 99 and start > 2000
    assert np.flatnonzero(new).tolist() == list(range(16 * start, 16 * start + 1600))
    np.random.seed(0)
    again, segment = insert_audio_clip(bg, clip, [(0, 4999)])
    assert segment == (5000, 5000) and not again.any()
    assert clip_ms(np.ones(17)) == 2 and get_random_time_segment(10)[1] < CLIP_MS


def test_insert_ones_copies_and_clips():
    y = np.zeros((1, TY))
    out = insert_ones(y, 4251)
    assert not y.any() and out.shape == (1, TY)
    assert np.flatnonzero(out[0]).tolist() == list(range(210, TY))
    assert not insert_ones(y, CLIP_MS).any()
    assert np.array_equal(insert_ones(y, 1000)[0], events_to_label([(500, 1000)]))


def test_create_training_example_follows_its_seed_and_labels_only_activates():
    rng = np.random.default_rng(0)
    bg = (0.3 * rng.normal(size=96000)).astype(np.float32)
    acts = [(0.3 * rng.normal(size=10000)).astype(np.float32) for _ in range(3)]
    negs = [(0.3 * rng.normal(size=8000)).astype(np.float32) for _ in range(2)]
    np.random.seed(4)
    x, y, audio = create_training_example(bg, acts, negs)
    np.random.seed(4)
    x2, y2, _ = create_training_example(bg, acts, negs)
    assert x.shape == (TX, N_FREQ) and y.shape == (1, TY) and audio.shape == (N_SAMPLES,)
    assert np.array_equal(x, x2) and np.array_equal(y, y2)
    assert rms_dbfs(audio) == pytest.approx(-20, abs=1e-3)
    assert np.allclose(x, spectrogram(audio))
    np.random.seed(4)
    _, y3, inserted = compose_example(bg, acts, negs)
    assert np.array_equal(y3[0], events_to_label(inserted))
    assert np.array_equal(y[0], y3[0])


def test_detection_and_event_scores():
    probs = np.zeros(TY)
    probs[60:110] = 0.9
    probs[70] = 0.3                                          # a wobble: one event, not two
    probs[200:230] = 0.8                                     # a false alarm
    assert detect_events(probs, 0.5).tolist() == [60, 200]
    long_run = np.zeros(TY)
    long_run[60:170] = 0.9                                   # two words close together
    assert detect_events(long_run, 0.5).tolist() == [60, 115]
    assert match_events([60, 115], [(900, 1205), (2000, 2300)]) == (2, 0, 0)
    events = [(1000, 1205)]                                  # ends at step 59
    assert match_events([60, 200], events) == (1, 1, 0)
    assert match_events([40], events) == (0, 1, 1)           # far too early
    s = event_scores(probs[None], [events])
    assert (s["precision"], s["recall"]) == (0.5, 1.0) and s["f1"] == pytest.approx(2 / 3)
    silent = event_scores(np.zeros((1, TY)), [events])
    assert silent["recall"] == 0 and silent["f1"] == 0
    # the lesson of the notebook: never firing gets most steps right
    label = events_to_label(events)[None]
    assert per_step_accuracy(np.zeros((1, TY)), label) == pytest.approx(1 - 50 / TY)
    chimed = insert_chimes(np.zeros(N_SAMPLES, np.float32), [123])
    assert np.flatnonzero(chimed)[0] == pytest.approx(40000, abs=400)


def test_committed_data():
    data = load_trigger_data()
    assert len(data["activates"]) == 12 and len(data["negatives"]) == 16
    assert all(b.shape == (96000,) for b in data["backgrounds"])
    for name in ("dev_train_voices", "dev_heldout_voice"):
        dev = data[name]
        assert dev["audio"].shape == (12, N_SAMPLES) and len(dev["events"]) == 12
        assert all(len(e) >= 1 for e in dev["events"])
        # -20 dBFS, but stored as 16-bit: the loudest peaks of a few clips are clipped
        assert all(rms_dbfs(a) == pytest.approx(-20, abs=0.3) for a in dev["audio"])
        for events in dev["events"]:
            for k, (s, e) in enumerate(sorted(events)[1:]):
                assert s > sorted(events)[k][1]              # never on top of each other
    assert set(data["dev_heldout_voice"]["voices"]) == {"flite:slt"}
    assert "flite:slt" not in data["activate_voices"]


def test_time_distributed_model_rebuilds_from_its_description():
    from utils.architecture import check_same_model, rebuild
    model = modelf((60, 101))
    copy = rebuild("modelf", model)
    rng = np.random.default_rng(0)
    x = rng.normal(size=(2, 60, 101)).astype(np.float32)
    assert np.allclose(copy.predict(x), model.predict(x), atol=1e-5)
    assert copy.layers[-1].get_config()["layer"]["config"]["activation"] == "sigmoid"
    check_same_model("modelf", model, modelf((60, 101)), x, rng, draws=1)
