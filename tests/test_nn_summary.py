"""utils.nn: get_config and summary_data describe a model as plain data (what c4w1a2's tests
compare layer by layer through a handle), and summary prints it in aligned columns."""
from utils import nn


def test_get_config_and_summary_data_report_arguments(capsys):
    nn.clear_session()
    model = nn.Sequential([nn.Input((6, 6, 2)), nn.Conv2D(4, 3, padding="same",
                                                          activation="relu"),
                           nn.BatchNormalization(axis=3), nn.Flatten(),
                           nn.Dropout(0.25), nn.Dense(3, activation=nn.ops.softmax)])
    rows = model.summary_data()
    assert [r["type"] for r in rows] == ["Conv2D", "BatchNormalization", "Flatten", "Dropout",
                                         "Dense"]
    conv, bn, flat, drop, dense = (r["config"] for r in rows)
    assert conv == {"name": rows[0]["name"], "trainable": True, "filters": 4,
                    "kernel_size": (3, 3), "strides": (1, 1), "padding": "same",
                    "activation": "relu", "use_bias": True}
    assert bn["axis"] == 3 and bn["momentum"] == 0.99 and flat == {"name": "flatten",
                                                                     "trainable": True}
    assert drop["rate"] == 0.25 and dense["units"] == 3 and dense["activation"] == "softmax"
    # long layer names widen the printed table instead of running into the next column
    model.summary()
    lines = capsys.readouterr().out.splitlines()
    bn_line = next(l for l in lines if "(BatchNormalization)" in l)
    assert "(BatchNormalization) (None, 6, 6, 4)" in bn_line
    head = next(l for l in lines if "Output Shape" in l)
    assert head.index("Output Shape") == bn_line.index("(None, 6, 6, 4)")


def test_conv_layers_get_config():
    assert nn.Conv2D(8, (4, 2), strides=2, name="c").get_config() == {
        "name": "c", "trainable": True, "filters": 8, "kernel_size": (4, 2), "strides": (2, 2),
        "padding": "valid", "activation": None, "use_bias": True}
    assert nn.MaxPool2D(4, padding="same").get_config()["strides"] == (4, 4)
    assert nn.MaxPool2D(3, strides=1).get_config()["pool_size"] == (3, 3)
    assert nn.ZeroPadding2D(3).get_config()["padding"] == ((3, 3), (3, 3))
    assert nn.Conv1D(5, 3, padding="causal").get_config()["kernel_size"] == (3,)
    assert nn.UpSampling2D(2).get_config()["size"] == (2, 2)
