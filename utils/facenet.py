"""The face-embedding network of c4w4a1 and the figures that measure it.

``FaceNet()`` maps a face, a (64, 64, 3) image with values in [0, 1], to an *encoding*: 128
numbers of Euclidean length 1.  Four convolution blocks (3x3 convolution, batch norm, ReLU,
2x2 max pooling; 32, 64, 128, 256 filters) are averaged over the image (global average
pooling), projected by ``Dense(128)`` and normalised (``UnitNormalization``).
``datasets/train_facenet.py`` trains it with the triplet loss on synthetic identities and
ships the weights (``datasets/facenet.h5``); ``load_facenet()`` returns the trained network.

Not an exercise: the notebook gives this network to the student.  The helpers below compute
the figures the notebook reports (pairwise distances, a threshold chosen on one set of
identities, verification and identification accuracy on another).
"""
from __future__ import annotations

import numpy as np

from utils import nn
from utils.data import DATA_DIR, sha256, dataset_info

__all__ = ["FaceNet", "load_facenet", "load_faces", "add_noise", "embed", "pair_distances",
           "best_threshold", "verification_accuracy", "identification_accuracy",
           "evaluate_encoder", "THRESHOLD", "probe_weights", "probe_encoder",
           "probe_encodings", "IMAGE_SHAPE", "WIDTHS", "EMBEDDING"]

IMAGE_SHAPE = (64, 64, 3)
WIDTHS = (32, 64, 128, 256)
EMBEDDING = 128
# The distance below which two encodings are called the same person: chosen for the shipped
# weights on faces.h5's 100 validation identities (utils.facenet.best_threshold, rounded to
# two decimals; the notebook recomputes it and tests/test_faces.py checks that they agree).
THRESHOLD = 0.77


def FaceNet(input_shape=IMAGE_SHAPE, widths=WIDTHS, embedding=EMBEDDING, seed=0):
    """The embedding network: (m, 64, 64, 3) images in [0, 1] -> (m, 128) unit vectors."""
    init = nn.initializers.HeNormal(seed=seed)
    inp = nn.Input(input_shape, name="image")
    x = inp
    for k, width in enumerate(widths):
        x = nn.Conv2D(width, 3, padding="same", use_bias=False, kernel_initializer=init,
                      name=f"conv{k + 1}")(x)
        x = nn.BatchNormalization(axis=3, name=f"bn{k + 1}")(x)
        x = nn.Activation("relu", name=f"relu{k + 1}")(x)
        x = nn.MaxPooling2D(2, name=f"pool{k + 1}")(x)
    x = nn.GlobalAveragePooling2D(name="average")(x)
    x = nn.Dense(embedding, kernel_initializer=nn.initializers.GlorotUniform(seed=seed + 1),
                 name="embedding")(x)
    out = nn.UnitNormalization(name="l2_normalise")(x)
    return nn.Model(inp, out, name="facenet")


def load_facenet():
    """FaceNet() with the shipped weights (checked against the manifest's SHA-256)."""
    info = dataset_info("facenet")
    path = DATA_DIR / info["file"]
    if sha256(path) != info["sha256"]:
        raise ValueError(f"{path} does not match its checksum in datasets/MANIFEST.json")
    model = FaceNet()
    model.load_weights(path)
    return model


def add_noise(arrays: dict) -> dict:
    """The photos of ``faces.h5`` as float32 in [0, 1] with their pixel noise put back.

    Noise does not compress (a noisy photo takes 12 KB in the file, a clean one 5 KB), so the
    file stores each photo before its noise, with the noise's standard deviation beside it
    (``<name>_sigma``); this draws the noise again from the file's ``noise_seed``, key after
    key in a fixed order: the same photos on every machine.  Returns a new dict."""
    rng = np.random.default_rng(int(arrays["noise_seed"]))
    out = dict(arrays)
    for key in ("office_x", "visitors_x", "val_x", "test_x"):
        x = arrays[key].astype(np.float32) / 255
        sigma = np.asarray(arrays[key[:-2] + "_sigma"], np.float32)[..., None, None, None]
        noise = rng.standard_normal(x.shape, dtype=np.float32) * sigma
        out[key] = np.clip(x + noise, 0, 1)
    return out


def load_faces():
    """``datasets/faces.h5`` (see datasets/build_faces.py): the photos as float32 in [0, 1]
    (office_x (10, 64, 64, 3), visitors_x (15, ...), val_x (100, 2, ...), test_x (200, 2, ...)),
    the names as lists of str, visitors_identity (15,) (-1: a stranger)."""
    from utils.data import load_dataset
    data = add_noise(load_dataset("faces"))
    for key in ("office_names", "visitors_names"):
        data[key] = [n.decode() if isinstance(n, bytes) else str(n) for n in data[key]]
    return data


def embed(encoder, x, batch_size=64):
    """Encodings of the images ``x`` (..., 64, 64, 3): (..., d).  ``encoder`` is a model, or
    ``"pixels"`` for the raw pixels scaled to length 1 (the baseline)."""
    lead = x.shape[:-3]
    flat = x.reshape((-1,) + x.shape[-3:])
    if isinstance(encoder, str) and encoder == "pixels":
        e = flat.reshape(len(flat), -1).astype(np.float64)
        e = e / np.linalg.norm(e, axis=1, keepdims=True)
    else:
        e = np.asarray(encoder.predict(flat, batch_size=batch_size), dtype=np.float64)
    return e.reshape(lead + e.shape[1:])


def pair_distances(enc, seed=0):
    """Same-person and different-person distances of encodings ``enc`` (n, 2, d): the n
    distances between each identity's two photos, and n distances between the first photo of
    identity i and the second photo of another identity (a seeded derangement)."""
    n = len(enc)
    rng = np.random.default_rng(seed)
    other = (np.arange(n) + rng.integers(1, n, size=n)) % n       # never i itself
    same = np.linalg.norm(enc[:, 0] - enc[:, 1], axis=-1)
    diff = np.linalg.norm(enc[:, 0] - enc[other, 1], axis=-1)
    return same, diff


def best_threshold(same, diff):
    """The threshold t (a midpoint between two observed distances) that classifies the most
    pairs right when 'same person' means distance < t."""
    values = np.sort(np.concatenate([same, diff]))
    candidates = np.concatenate([[values[0] - 1e-6], (values[1:] + values[:-1]) / 2,
                                 [values[-1] + 1e-6]])
    correct = [(same < t).sum() + (diff >= t).sum() for t in candidates]
    return float(candidates[int(np.argmax(correct))])


def verification_accuracy(same, diff, threshold):
    """Fraction of pairs classified right (same: distance < threshold)."""
    return float(((same < threshold).sum() + (diff >= threshold).sum())
                 / (len(same) + len(diff)))


def identification_accuracy(enc):
    """1-of-n identification: gallery = first photo of each identity, probe = the second;
    the fraction of probes whose nearest gallery encoding is their own identity."""
    probe, gallery = enc[:, 1], enc[:, 0]
    sq = (np.sum(probe ** 2, axis=1)[:, None] + np.sum(gallery ** 2, axis=1)[None, :]
          - 2 * probe @ gallery.T)                     # (n, n) squared distances, no (n, n, d)
    return float(np.mean(np.argmin(sq, axis=1) == np.arange(len(enc))))


def evaluate_encoder(encoder, val_x, test_x):
    """Threshold chosen on ``val_x``, verification and identification on ``test_x`` (each
    (n, 2, 64, 64, 3)): a dict with ``threshold``, ``verification``, ``identification``."""
    t = best_threshold(*pair_distances(embed(encoder, val_x)))
    test = embed(encoder, test_x)
    return {"threshold": t, "verification": verification_accuracy(*pair_distances(test), t),
            "identification": identification_accuracy(test)}


# --- small encoders for the tests -------------------------------------------------------------
# The graded functions take a model.  A test gives them a tiny one whose encodings it can compute
# by itself: flatten, a Dense layer with the test's weights, L2 normalisation.  ``probe_encoder``
# makes it where the student's functions run (``utils.testing.framework``: in the notebook the
# model itself, under the grader a handle to one made in the student's kernel) or, with
# ``local=True``, in this process; ``probe_encodings`` computes the same in NumPy.

def probe_weights(rng, shape=(4, 4, 3), d=6):
    """(W, b) of a probe encoder: W (n_H * n_W * n_C, d) with columns summing to 0 (so that
    images with values in [0, 1] do not all point the same way), b (d,); float32."""
    n = int(np.prod(shape))
    W = rng.normal(size=(n, d)) / np.sqrt(n)
    W -= W.mean(axis=0)
    return W.astype(np.float32), (rng.normal(size=d) * 0.1).astype(np.float32)


def probe_encoder(W, b, shape=(4, 4, 3), local=False):
    """The model x -> unit(flatten(x) @ W + b) for images of ``shape``."""
    if local:
        make = lambda name, *a, **k: getattr(nn, name)(*a, **k)   # noqa: E731
    else:
        from utils.testing import framework as make
    inp = make("Input", tuple(shape))
    x = make("Flatten")(inp)
    x = make("Dense", int(np.shape(W)[1]))(x)
    out = make("UnitNormalization")(x)
    model = make("Model", inp, out)
    model.set_weights([np.asarray(W, np.float32), np.asarray(b, np.float32)])
    return model


def probe_encodings(x, W, b):
    """What ``probe_encoder(W, b)`` gives for images x (m, n_H, n_W, n_C): (m, d), float32."""
    e = np.asarray(x, np.float64).reshape(len(x), -1) @ np.asarray(W, np.float64) + b
    return (e / np.linalg.norm(e, axis=1, keepdims=True)).astype(np.float32)
