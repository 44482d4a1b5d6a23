"""c4w4a1 (face recognition): the face generator, faces.h5, the UnitNormalization layer, the
triplet-loss reference and the figures the notebook prints for the shipped encoder."""
import numpy as np
import pytest

from test_nn_seq_layers import float64, graph_gradcheck, leaf  # noqa: F401
from test_weights import load_script
from utils import nn
from utils.data import DATA_DIR
from utils import facenet


@pytest.fixture(scope="module")
def faces_script():
    return load_script(DATA_DIR / "build_faces.py")


@pytest.fixture(scope="module")
def faces():
    return facenet.load_faces()


def test_identities_are_fixed_and_photos_vary(faces_script):
    a, b = faces_script.identity(3), faces_script.identity(3)
    assert all(np.array_equal(a[k], b[k]) for k in a) and len(a) >= 25
    assert not np.array_equal(faces_script.identity(4)["skin"], a["skin"])
    x = faces_script.photos(3, 2)
    assert x.shape == (2, 64, 64, 3) and x.dtype == np.uint8
    assert np.array_equal(x, faces_script.photos(3, 2))             # seeded
    assert np.abs(x[0].astype(int) - x[1]).mean() > 5                # two different photos


def test_faces_h5_is_what_the_generator_draws(faces_script, faces):
    """The file's version is the generator's, its photos are the generator's (before noise),
    and the noise put back by load_faces has the recorded sigma."""
    from utils.data import load_dataset
    raw = load_dataset("faces")
    assert int(raw["generator_version"]) == faces_script.GENERATOR_VERSION
    start = faces_script.HELD_OUT_START
    clean, sigma = faces_script.photos(start, 2, noise=False)
    assert np.array_equal(raw["office_x"][0], clean[0])
    assert np.array_equal(raw["visitors_x"][0], clean[1])
    assert raw["office_sigma"][0] == pytest.approx(sigma[0], rel=1e-6)
    noise = faces["test_x"] - raw["test_x"].astype(np.float32) / 255
    inside = (raw["test_x"] > 20) & (raw["test_x"] < 235)           # away from the clipping
    ratio = noise[inside].std() / np.sqrt(np.mean(raw["test_sigma"] ** 2))
    assert 0.8 < ratio < 1.2
    assert faces["office_x"].dtype == np.float32 and faces["test_x"].shape == (200, 2, 64, 64, 3)


def test_training_identities_are_not_the_notebooks(faces_script):
    trainer = load_script(DATA_DIR / "train_facenet.py")
    assert trainer.N_IDS <= faces_script.HELD_OUT_START          # phase 1's pool
    assert trainer.ID_RANGE2 <= faces_script.HELD_OUT_START      # phase 2's fresh identities


def test_unit_normalization_forward_and_gradient(float64):  # noqa: F811
    x = leaf(np.random.default_rng(0).normal(size=(3, 5)))
    layer = nn.UnitNormalization()
    y = layer(x).numpy()
    assert np.allclose(np.linalg.norm(y, axis=1), 1)
    G = np.random.default_rng(1).normal(size=(3, 5))
    assert graph_gradcheck(lambda: (layer(x) * G).sum(), [x]) < 1e-7
    assert np.all(layer(np.zeros((1, 4))).numpy() == 0)              # no division by zero


def test_triplet_loss_reference_gradients(float64):  # noqa: F811
    from utils.face_recognition import triplet_gradients, triplet_loss
    rng = np.random.default_rng(2)
    a, p, n = (rng.normal(size=(6, 4)) * 0.5 for _ in range(3))
    leaves = [leaf(v) for v in (a, p, n)]
    loss = triplet_loss(None, leaves, 0.5)
    terms = np.sum((a - p) ** 2, 1) - np.sum((a - n) ** 2, 1) + 0.5
    assert 0 < np.sum(terms > 0) < 6                                 # some cut by the hinge
    assert float(loss.numpy()) == pytest.approx(np.sum(np.maximum(terms, 0)))
    loss.backward()
    for t, g in zip(leaves, triplet_gradients(a, p, n, 0.5)):
        assert np.allclose(t.grad, g)
    assert graph_gradcheck(lambda: triplet_loss(None, leaves, 0.5), leaves) < 1e-6


def test_probe_encoder_matches_its_numpy_twin():
    rng = np.random.default_rng(3)
    W, b = facenet.probe_weights(rng)
    x = rng.uniform(size=(5, 4, 4, 3)).astype(np.float32)
    model = facenet.probe_encoder(W, b, local=True)
    assert np.allclose(model.predict(x), facenet.probe_encodings(x, W, b), atol=1e-6)


@pytest.fixture(scope="module")
def trained(faces):
    return facenet.evaluate_encoder(facenet.load_facenet(), faces["val_x"], faces["test_x"])


def test_shipped_encoder_meets_the_issue_targets(trained, faces):
    """c4w4a1 section 6: on 200 unseen people, verification >= 0.97 (issue 18's target) and
    identification (1 of 200) >= 0.88 (the issue's target is 0.90; the shipped weights reach
    0.905, see datasets/train_facenet.py: the bound leaves a small margin), far above raw
    pixels; the threshold chosen on the validation people is the THRESHOLD the exercises use
    (rounded to two decimals)."""
    assert trained["verification"] >= 0.97
    assert trained["identification"] >= 0.88
    assert round(trained["threshold"], 2) == pytest.approx(facenet.THRESHOLD, abs=0.011)
    pixels = facenet.evaluate_encoder("pixels", faces["val_x"], faces["test_x"])
    assert pixels["verification"] < trained["verification"] - 0.15
    assert pixels["identification"] < trained["identification"] - 0.5


def test_facenet_is_rebuilt_from_its_description():
    """The grader can rebuild the encoder from plain data (UnitNormalization included)."""
    from utils.architecture import rebuild_model
    model = facenet.FaceNet(seed=1)
    rebuilt = rebuild_model(model.get_config(), model.get_weights())
    x = np.random.default_rng(4).uniform(size=(2, 64, 64, 3)).astype(np.float32)
    assert np.allclose(rebuilt.predict(x), model.predict(x), atol=1e-5)
