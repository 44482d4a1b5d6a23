"""utils.nn's get_config describes a whole model as plain data, and utils.architecture builds it
again in another process from that description and get_weights() (how graded models are judged:
the grader's own framework computes, never the student's object)."""
import json

import numpy as np
import pytest

from autograder import plaindata
from utils import nn
from utils.architecture import (RebuildError, check_same_model, random_weights,
                                rebuild_model)
from utils.mobilenet import MobileNetV2, preprocess_input
from utils.testing import CheckFailure


def _plain(value):
    """The value as it arrives in the grader: encoded and decoded as plain data."""
    return plaindata.loads(plaindata.dumps(value))


def _functional():
    x = nn.Input((6, 6, 2), name="pixels")
    h = nn.Sequential([nn.RandomFlip("horizontal"), nn.RandomRotation(0.1)])(x)
    h = nn.Rescaling(1 / 127.5, offset=-1.0)(h)
    a = nn.Conv2D(4, 3, padding="same")(h)
    a = nn.BatchNormalization(axis=3)(a, training=False)
    b = nn.Conv2D(4, 1)(h)
    s = nn.Activation("relu")(nn.Add()([a, b]))
    s = nn.GlobalAveragePooling2D()(s)
    out = nn.Dense(3, activation="softmax")(nn.Dropout(0.3)(s))
    return nn.Model(x, out, name="toy")


def test_get_config_is_plain_data_with_calls_and_flags():
    config = _functional().get_config()
    assert _plain(config) == config
    json.dumps(plaindata.encode(config))
    assert config["input_layers"] == {"layer": "pixels", "node": 0, "tensor": 0}
    kinds = [spec["class_name"] for spec in config["layers"]]
    assert kinds[:3] == ["InputLayer", "Sequential", "Rescaling"]
    assert config["layers"][0]["config"]["shape"] == (6, 6, 2)
    assert config["layers"][1]["config"]["layers"][1]["config"]["factor"] == 0.1
    add = next(n for n in config["nodes"] if n["layer"].startswith("add"))
    assert len(add["args"]) == 2
    flags = {n["layer"]: n["training"] for n in config["nodes"]}
    assert [v for k, v in flags.items() if k.startswith("batch_norm")] == [False]


def test_rebuilt_model_computes_the_same_and_keeps_flags():
    model = _functional()
    model.layers[4].trainable = False
    rebuilt = rebuild_model(_plain(model.get_config()), _plain(model.get_weights()))
    x = np.random.default_rng(0).uniform(0, 255, (5, 6, 6, 2)).astype(np.float32)
    np.testing.assert_array_equal(rebuilt.predict(x), model.predict(x))
    assert [l.trainable for l in rebuilt.layers] == [l.trainable for l in model.layers]
    assert [w.shape for w in rebuilt.trainable_weights] == \
        [w.shape for w in model.trainable_weights]
    nn.set_seed(3)
    a = model(x, training=True).numpy()
    nn.set_seed(3)
    np.testing.assert_allclose(rebuilt(x, training=True).numpy(), a, rtol=1e-6)


def test_nested_frozen_backbone_and_sequential_rebuild():
    base = MobileNetV2()
    base.trainable = True
    for layer in base.layers[:20]:
        layer.trainable = False
    x = nn.Input((28, 28, 1))
    out = nn.Dense(2)(nn.GlobalAveragePooling2D()(base(preprocess_input(x), training=False)))
    model = nn.Model(x, out)
    rebuilt = rebuild_model(_plain(model.get_config()), _plain(model.get_weights()))
    inner = rebuilt.get_layer("mobilenetv2")
    assert [l.trainable for l in inner.layers] == [l.trainable for l in base.layers]
    assert len(rebuilt.trainable_weights) == len(model.trainable_weights)
    images = np.random.default_rng(1).uniform(0, 255, (2, 28, 28, 1)).astype(np.float32)
    np.testing.assert_array_equal(rebuilt.predict(images), model.predict(images))
    seq = nn.Sequential([nn.Input((3,)), nn.Dense(2, activation="relu"), nn.Dense(1)])
    again = rebuild_model(_plain(seq.get_config()), seq.get_weights())
    np.testing.assert_array_equal(again.predict(np.ones((2, 3))), seq.predict(np.ones((2, 3))))


def test_embedding_lstm_config_and_compile_config():
    x = nn.Input((4,), dtype="int64")
    h = nn.Embedding(7, 3, trainable=False)(x)
    h = nn.LSTM(5, return_sequences=True)(h)
    model = nn.Model(x, nn.Dense(2)(nn.LSTM(5)(h)))
    rebuilt = rebuild_model(_plain(model.get_config()), model.get_weights())
    ids = np.array([[1, 2, 0, 6], [3, 3, 3, 3]])
    np.testing.assert_allclose(rebuilt.predict(ids), model.predict(ids), rtol=1e-6)
    assert rebuilt.layers[1].trainable is False
    assert model.get_compile_config() is None
    model.compile(nn.Adam(0.003), loss=nn.losses.SparseCategoricalCrossentropy(from_logits=True),
                  metrics=["accuracy"])
    config = _plain(model.get_compile_config())
    assert config["optimizer"]["class_name"] == "Adam"
    assert config["optimizer"]["config"]["learning_rate"] == 0.003
    assert config["loss"] == {"class_name": "SparseCategoricalCrossentropy",
                              "config": {"from_logits": True}}
    assert config["metrics"] == ["accuracy"]


def test_what_cannot_be_rebuilt_is_refused():
    x = nn.Input((3,))
    model = nn.Model(x, nn.Lambda(lambda t: t * 2)(x))
    with pytest.raises(RebuildError, match="Lambda"):
        rebuild_model(model.get_config())
    with pytest.raises(RebuildError):
        rebuild_model({"name": "m", "layers": [{"class_name": "os.system", "config": {}}],
                       "nodes": []})
    with pytest.raises(RebuildError, match="does not fit"):
        rebuild_model(_functional().get_config(), [np.zeros(3)])


def test_check_same_model_catches_a_zeroed_head_and_wrong_preprocessing():
    def make(scale):
        nn.set_seed(0)
        x = nn.Input((4, 4, 1))
        h = nn.Rescaling(scale, offset=-1.0)(x)
        h = nn.Conv2D(2, 3, activation="relu")(h)
        return nn.Model(x, nn.Dense(2)(nn.Flatten()(h)))

    student, reference = make(1 / 255), make(1 / 127.5)
    student.set_weights([w * 0 if w.ndim <= 2 else w for w in student.get_weights()])
    x = np.random.default_rng(0).uniform(0, 255, (3, 4, 4, 1)).astype(np.float32)
    with pytest.raises(CheckFailure, match="scale"):
        check_same_model("f()", student, reference, x, np.random.default_rng(1))
    with pytest.raises(CheckFailure, match="predict"):
        check_same_model("f()", student, reference, x, np.random.default_rng(1),
                         same_layers=False)
    check_same_model("f()", make(1 / 127.5), reference, x, np.random.default_rng(1))


def test_check_same_model_refuses_a_model_that_lies_about_itself():
    class Liar:
        def __init__(self, real, shown):
            self.real, self.shown = real, shown

        def get_config(self):
            return self.shown.get_config()

        def get_weights(self):
            return self.shown.get_weights()

        def set_weights(self, w):
            self.real.set_weights(w)

        def predict(self, x):
            return self.real.predict(x) * 0

    x = np.ones((2, 3), np.float32)
    make = lambda: nn.Sequential([nn.Input((3,)), nn.Dense(2)])
    with pytest.raises(CheckFailure, match="does not compute what its own description"):
        check_same_model("g()", Liar(make(), make()), make(), x, np.random.default_rng(0))


def test_random_weights_are_not_degenerate():
    model = MobileNetV2()
    draw = random_weights(model, np.random.default_rng(0))
    assert all(np.std(a) > 0 for a in draw if a.size > 1)
    assert all(a.min() > 0 for a, w in zip(draw, model.weights)
               if w.name.endswith("moving_variance"))


def test_a_functional_model_equals_the_same_sequential_stack():
    def seq():
        nn.set_seed(0)
        return nn.Sequential([nn.Input((5,)), nn.Dense(3, activation="relu"), nn.Dense(2)])

    def functional(skip=False):
        nn.set_seed(0)
        x = nn.Input((5,))
        h = nn.Dense(3, activation="relu")(x)
        return nn.Model(x, nn.Dense(2)(nn.Concatenate()([h, x]) if skip else h))

    x = np.ones((2, 5), np.float32)
    check_same_model("f()", functional(), seq(), x, np.random.default_rng(0))
    check_same_model("f()", seq(), functional(), x, np.random.default_rng(0))
    with pytest.raises(CheckFailure):
        check_same_model("f()", functional(skip=True), seq(), x, np.random.default_rng(0))


def test_hidden_model_comparisons_do_not_show_the_expected_configuration():
    """Under hidden_tests() the message shows the student's model, never the reference's
    (issue 14): here the student's scale 1/255 and not the expected 1/127.5 = 0.0078."""
    from utils.testing import hidden_tests

    def make(scale, frozen=False):
        nn.set_seed(0)
        x = nn.Input((4, 4, 1))
        h = nn.Rescaling(scale, offset=-1.0)(x)
        conv = nn.Conv2D(2, 3, activation="relu")
        conv.trainable = not frozen
        return nn.Model(x, nn.Dense(2)(nn.Flatten()(conv(h))))

    x = np.random.default_rng(0).uniform(0, 255, (3, 4, 4, 1)).astype(np.float32)
    reference = make(1 / 127.5)
    for student, shown in [(make(1 / 255), "scale=0.00392"), (make(1 / 127.5, True),
                                                               "trainable=False")]:
        with pytest.raises(CheckFailure) as visible:
            check_same_model("f()", student, reference, x, np.random.default_rng(1))
        assert shown in str(visible.value) and "expected" in str(visible.value)
        with hidden_tests(), pytest.raises(CheckFailure) as hidden:
            check_same_model("f()", student, reference, x, np.random.default_rng(1))
        message = str(hidden.value)
        assert shown in message and "expected" not in message.replace("the expected one", "")
        assert "0.0078" not in message and "trainable=True" not in message


def test_bidirectional_shared_layers_and_states_are_rebuilt():
    """A Bidirectional wrapper (described with its wrapped layer), layers called several times
    (shared weights) and an LSTM with initial_state/return_state, as in c5w3a1's model; the
    student's model keeps its own weights after check_same_model."""
    def make(seed):
        nn.set_seed(seed)
        x, s0 = nn.Input((5, 3)), nn.Input((4,))
        dense, cell = nn.Dense(4, activation="tanh"), nn.LSTM(4, return_state=True)
        score, softmax = nn.Dense(1), nn.Softmax(axis=1)
        a = nn.Bidirectional(nn.GRU(2, return_sequences=True), merge_mode="sum")(x)
        s, c, outs = s0, s0, []
        for _ in range(3):
            ctx = nn.Dot(axes=1)([softmax(score(a)), a])           # (m, 1, 2)
            _, s, c = cell(ctx, initial_state=[s, c])
            outs.append(dense(s))
        return nn.Model([x, s0], outs)

    model = make(0)
    config = _plain(model.get_config())
    bi = [l for l in config["layers"] if l["class_name"] == "Bidirectional"][0]["config"]
    assert bi["merge_mode"] == "sum" and bi["layer"]["class_name"] == "GRU"
    assert "name" not in bi["layer"]["config"]
    again = rebuild_model(config, _plain(model.get_weights()))
    x = [np.random.default_rng(0).normal(size=(2, 5, 3)).astype(np.float32),
         np.random.default_rng(1).normal(size=(2, 4)).astype(np.float32)]
    for got, want in zip(again.predict(x), model.predict(x)):
        np.testing.assert_allclose(got, want, rtol=1e-6)
    assert len(again.layers) == len(model.layers) and len(again.weights) == len(model.weights)
    before = model.get_weights()
    check_same_model("make()", model, make(1), x, np.random.default_rng(2))
    assert all(np.array_equal(a, b) for a, b in zip(model.get_weights(), before))
    bad = dict(config, layers=[dict(l, config=dict(l["config"], layer={"class_name": "Dense",
                                                                        "config": {"units": 2}}))
                               if l["class_name"] == "Bidirectional" else l
                               for l in config["layers"]])
    with pytest.raises(RebuildError, match="not a SimpleRNN, LSTM or GRU"):
        rebuild_model(bad)


def test_an_unused_input_is_named_by_get_config():
    x, unused = nn.Input((3,)), nn.Input((2,), name="c0")
    with pytest.raises(ValueError, match="input 'c0' \\(None, 2\\) is not used"):
        nn.Model([x, unused], nn.Dense(2)(x)).get_config()
