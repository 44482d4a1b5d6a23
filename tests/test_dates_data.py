"""datasets/dates.h5 (utils.dates): every human string names the date of its label.

The parser below reads the strings independently of the builder (which writes them with
Babel), so a format that writes another year than the label's (Babel's week-based year "Y")
or a wrong weekday is caught.
"""
import datetime as dt

import numpy as np
import pytest

from utils import dates

MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]


def _year(token: str) -> int:
    y = int(token)
    if len(token) == 2:                    # the data span 1950-2049
        return 1900 + y if y >= 50 else 2000 + y
    assert len(token) == 4, token
    return y


def parse(human: str):
    """(year, month, day, weekday or None) named by a human string of the data set."""
    if "/" in human:                                       # M/d/yy
        m, d, y = human.split("/")
        return _year(y), int(m), int(d), None
    if "." in human:                                       # dd.MM.yy
        d, m, y = human.split(".")
        return _year(y), int(m), int(d), None
    tokens = [t for t in human.split() if t != "of"]
    weekday = None
    if tokens[0][:3] in WEEKDAYS:
        weekday = WEEKDAYS.index(tokens[0][:3])
        tokens = tokens[1:]
    names = [t for t in tokens if t[:3] in MONTHS]
    numbers = [t.rstrip("stndrh") for t in tokens if t[:3] not in MONTHS]
    assert all(n.isdigit() for n in numbers), human
    if names:
        assert len(names) == 1 and len(numbers) == 2, human
        return _year(numbers[1]), MONTHS.index(names[0][:3]) + 1, int(numbers[0]), weekday
    assert len(numbers) == 3, human                        # d MM yy
    return _year(numbers[2]), int(numbers[1]), int(numbers[0]), weekday


@pytest.mark.parametrize("split", dates.SPLITS)
def test_every_human_string_names_its_label(split):
    # the original's sample "saturday may 9 2018" is kept as written: 2018-05-09 was a Wednesday
    check_weekday = split != "samples"
    wrong = []
    for human, machine in dates.load_dates(split):
        label = dt.date.fromisoformat(machine)
        y, m, d, weekday = parse(human)
        if (y, m, d) != (label.year, label.month, label.day) or \
                (check_weekday and weekday not in (None, label.weekday())):
            wrong.append((human, machine))
    assert not wrong, f"{len(wrong)} strings disagree with their label, e.g. {wrong[:5]}"


def test_splits_sizes_and_held_out():
    train, test, samples = (dates.load_dates(s) for s in dates.SPLITS)
    assert (len(train), len(test), len(samples)) == (50_000, 2_000, 8)
    seen = {h for h, _ in train}
    assert len(seen) == len(train)
    assert not seen & {h for h, _ in test} and not seen & {h for h, _ in samples}
    assert len({h for h, _ in test}) == len(test)
    assert max(len(h) for s in (train, test, samples) for h, _ in s) <= dates.TX
    assert all(len(m) == dates.TY for s in (train, test, samples) for _, m in s)
    assert dates.load_dates("train", m=10) == train[:10]
    assert "21th of august 2016" in [h for h, _ in samples]
    years = np.array([int(m[:4]) for _, m in train])
    assert years.min() == 1950 and years.max() == 2049


def test_vocabularies_and_preprocessing():
    human, machine, inv = dates.load_vocabularies()
    assert len(human) == 37 and list(human)[-2:] == ["<unk>", "<pad>"]
    assert list(machine) == list("-0123456789") and inv[0] == "-"
    X, Y, Xoh, Yoh = dates.preprocess_data([("Tue, 10 Jul 2007", "2007-07-10")], human, machine)
    assert X.shape == (1, 30) and Y.shape == (1, 10)
    assert Xoh.shape == (1, 30, 37) and Yoh.shape == (1, 10, 11)
    assert np.array_equal(Xoh.argmax(-1), X) and np.allclose(Xoh.sum(-1), 1)
    assert dates.int_to_string(X[0], {i: c for c, i in human.items()}) == "tue 10 jul 2007"
    assert dates.int_to_string(Y[0], inv) == "2007-07-10"
    assert dates.string_to_int("k!", 3, human).tolist() == [human["<unk>"]] * 2 + \
        [human["<pad>"]]
    assert dates.exact_match(["2001-01-01", "2001-01-02"], ["2001-01-01", "2001-01-03"]) == 0.5
    assert dates.position_accuracy(["2001-01-01", "2001-01-02"],
                                   ["2001-01-01", "2001-01-03"]).tolist() == [1.0] * 9 + [0.5]


def test_shipped_attention_weights_translate_every_sample():
    """c5w3a1's weights (datasets/train_dates.py): every sample string right, and the attention
    of the example the notebook draws looks where its prose says."""
    from utils.data import DATA_DIR
    from utils.date_attention import modelf

    model = modelf(dates.TX, dates.TY, 32, 64, 37, 11)
    model.load_weights(DATA_DIR / "date_attention.h5")
    samples = dates.load_dates("samples")
    assert dates.translate(model, [h for h, _ in samples], 64) == [m for _, m in samples]
    (out,), weights = dates.translate(model, ["tuesday april 27 1993"], 64, with_attention=True)
    assert out == "1993-04-27" and weights.shape == (1, 10, 30)
    np.testing.assert_allclose(weights.sum(axis=2), 1, rtol=1e-5)


def test_the_builder_uses_24_formats_with_the_calendar_year():
    """The notebooks say "24 formats"; no format uses Babel's week-based year (Y)."""
    from test_weights import load_script
    from utils.data import DATA_DIR
    module = load_script(DATA_DIR / "build_dates.py")
    assert len(module.FORMATS) == 24
    assert not any("Y" in f for f in module.FORMATS)
    assert module.ordinal(1) == "1st" and module.ordinal(12) == "12th" and \
        module.ordinal(22) == "22nd" and module.ordinal(23) == "23rd"
