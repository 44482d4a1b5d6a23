"""The street-scene generator of c4w3a1 (YOLO) and c4w3a2 (U-Net): datasets/build_streets.py.

Cheap checks (a few dozen scenes): the interface the training scripts and notebooks rely on,
determinism, boxes that agree with the instance and semantic masks, every class present, and
the committed held-out scenes redrawn from their seeds.
"""
import numpy as np
import pytest

from tests.test_weights import load_script
from utils.data import DATA_DIR, load_dataset

streets = load_script(DATA_DIR / "build_streets.py")


@pytest.fixture(scope="module")
def scenes():
    rng = np.random.default_rng(123)
    return [streets.render_scene(rng) for _ in range(40)]


def test_interface():
    assert streets.SCENE_VERSION == 1
    assert streets.CLASSES == ("sky", "building", "vegetation", "road", "sidewalk", "lane",
                               "pole", "car", "truck", "pedestrian", "traffic light")
    for height, width in ((128, 128), (96, 128), (64, 80)):
        s = streets.render_scene(np.random.default_rng(0), height, width)
        assert set(s) == {"image", "semantic", "instances", "boxes", "box_classes"}
        assert s["image"].dtype == np.float32 and s["image"].shape == (height, width, 3)
        assert 0 <= s["image"].min() and s["image"].max() <= 1
        assert s["semantic"].dtype == np.uint8 and s["semantic"].shape == (height, width)
        assert s["semantic"].max() < len(streets.CLASSES)
        assert s["instances"].dtype == np.int16 and s["instances"].shape == (height, width)
        n = len(s["boxes"])
        assert s["boxes"].dtype == np.float32 and s["boxes"].shape == (n, 4)
        assert s["box_classes"].dtype == np.int64 and s["box_classes"].shape == (n,)


def test_a_seed_draws_the_same_scene():
    a = streets.render_scene(np.random.default_rng(5))
    b = streets.render_scene(np.random.default_rng(5))
    for key in a:
        assert np.array_equal(a[key], b[key]), key
    c = streets.render_scene(np.random.default_rng(5), noise=False)
    for key in ("semantic", "instances", "boxes", "box_classes"):
        assert np.array_equal(a[key], c[key]), key
    assert np.abs(a["image"] - c["image"]).mean() < 0.03


def test_boxes_agree_with_the_masks(scenes):
    for s in scenes:
        inst, sem = s["instances"], s["semantic"]
        assert inst.max() == len(s["boxes"]) and inst.min() == 0
        for k, (box, cls) in enumerate(zip(s["boxes"], s["box_classes"]), start=1):
            assert cls in streets.OBJECT_CLASSES
            rows, cols = np.nonzero(inst == k)
            assert len(rows) > 0
            assert tuple(box) == (rows.min(), cols.min(), rows.max() + 1, cols.max() + 1)
            assert np.all(sem[rows, cols] == cls), "an object's pixels carry its class"
        y0, x0, y1, x1 = s["boxes"].T if len(s["boxes"]) else np.zeros((4, 0))
        assert np.all((0 <= y0) & (y0 < y1) & (y1 <= 128) & (0 <= x0) & (x0 < x1) & (x1 <= 128))


def test_every_class_is_there_and_rare_ones_are_not_vanishing(scenes):
    pixels = np.bincount(np.concatenate([s["semantic"].ravel() for s in scenes]),
                         minlength=len(streets.CLASSES)) / (len(scenes) * 128 * 128)
    assert np.all(pixels > 0.003), dict(zip(streets.CLASSES, pixels.round(4)))
    boxes = np.bincount(np.concatenate([s["box_classes"] for s in scenes]),
                        minlength=len(streets.CLASSES)) / len(scenes)
    for cls in streets.OBJECT_CLASSES:
        assert boxes[cls] > 0.3, (streets.CLASSES[cls], boxes[cls])
    assert 2 < boxes.sum() < 9


def test_an_object_mostly_hidden_gets_no_box():
    """Objects under MIN_VISIBLE visible keep their class in the mask but get no box: in a
    few dozen scenes some object pixels belong to no box, and each boxed object is visible."""
    rng = np.random.default_rng(7)
    unboxed = 0
    for _ in range(30):
        s = streets.render_scene(rng)
        objects = np.isin(s["semantic"], streets.OBJECT_CLASSES)
        unboxed += int((objects & (s["instances"] == 0)).sum())
    assert unboxed > 0


@pytest.mark.parametrize("name, seed, shape", [
    ("streets_yolo", streets.YOLO_SEED, (128, 128)),
    ("streets_unet", streets.UNET_SEED, (96, 128))])
def test_committed_scenes_are_the_generator_s(name, seed, shape):
    data = load_dataset(name)
    count = streets.YOLO_SCENES if name == "streets_yolo" else streets.UNET_SCENES
    assert data["images"].shape == (count,) + shape + (3,) and data["images"].dtype == np.uint8
    for i in (0, count - 1):
        scene = streets.render_many(seed, 1, *shape, start=i, noise=False)[0]
        assert np.array_equal(data["images"][i], streets.to_uint8(scene["image"]))
        if name == "streets_yolo":
            mine = data["box_scene"] == i
            assert np.array_equal(data["boxes"][mine], scene["boxes"])
            assert np.array_equal(data["box_classes"][mine], scene["box_classes"])
        else:
            assert np.array_equal(data["semantic"][i], scene["semantic"])
