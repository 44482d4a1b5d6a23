"""Red team, issue 22: NumPy scalars now cross as plain values; objects that only pretend to be
strings or numbers must still score nothing.

One c5w2a1 batch graded with ``course autograde`` in the sandbox.  The notebook is solved, and
one graded function returns an object whose type derives from ``str``, ``numpy.str_``,
``float`` or ``numpy.float64`` and whose ``__eq__`` (and friends) always say yes, some also
claiming to be NumPy's own type: that function's test cell must score 0, and the cells that do
not use it full marks.  An honest student whose
``complete_analogy`` returns a ``numpy.str_`` (the issue's case) gets full marks.
"""
from __future__ import annotations

import csv
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from autograder import sandbox
from autograder.course import Assignment, graded_cells, nbgrader_meta, read_notebook
from test_redteam import notebook       # the red team's notebook builder, not a copy

pytestmark = pytest.mark.skipif(sandbox.unavailable() is not None,
                                reason=f"no sandbox here: {sandbox.unavailable()}")

W = Assignment("c5w2a1_word_vectors_debiasing")
COURSE = Path(sys.executable).parent / "course"

# Methods that make an object agree with anything it is compared with or checked by.
_LIAR = """
    def __eq__(self, other):
        return True
    def __ne__(self, other):
        return False
    __lt__ = __le__ = __gt__ = __ge__ = __ne__
    def __hash__(self):
        return 0
    def __sub__(self, other):
        return type(self)(0)
    __rsub__ = __add__ = __radd__ = __mul__ = __rmul__ = __truediv__ = __rtruediv__ = __sub__
    def __abs__(self):
        return type(self)(0)
    __neg__ = __abs__
    def __bool__(self):
        return True
    def __float__(self):
        return 0.0
"""


def _word_liar(base: str, extra: str = "") -> str:
    return (f"import numpy as np\nclass Word({base}):\n{_LIAR}{extra}\n"
            "def complete_analogy(word_a, word_b, word_c, word_to_vec_map):\n"
            "    return Word('nonsense')\n")


def _number_liar(base: str, extra: str = "") -> str:
    return (f"import numpy as np\nclass Number({base}):\n{_LIAR}{extra}\n"
            "def cosine_similarity(u, v):\n"
            "    return Number(7.0)\n")


ATTACKS = {
    # student: (graded function whose cell must score 0, its replaced solution cell)
    "str_subclass": ("complete_analogy", _word_liar("str")),
    "numpy_str_subclass": ("complete_analogy", _word_liar("np.str_")),
    "str_posing_as_numpy": ("complete_analogy", _word_liar(
        "np.str_", "    __module__ = 'numpy'\n    __qualname__ = __name__ = 'str_'\n"
                   "    @property\n    def __class__(self):\n        return np.str_\n")),
    "float_subclass": ("cosine_similarity", _number_liar("float")),
    "numpy_float_subclass": ("cosine_similarity", _number_liar("np.float64")),
    "float_posing_as_numpy": ("cosine_similarity", _number_liar(
        "np.float64", "    __module__ = 'numpy'\n    __qualname__ = __name__ = 'float64'\n")),
}

# the alternate that the self-test proves correct (it returns np.array(words)[np.argmax(...)])
HONEST_NUMPY = (W.source_dir / "alternates" / "complete_analogy__numpy_scalar.py").read_text()
# cells that use neither attacked function: they show that the rest of the notebook was graded
INDEPENDENT = ("test_neutralize", "test_equalize")


@pytest.fixture(scope="module")
def scalar_batch(tmp_path_factory):
    subs = tmp_path_factory.mktemp("subs")
    out = tmp_path_factory.mktemp("out")
    for student, (gid, source) in ATTACKS.items():
        nbformat.write(notebook(W, solved=True, replace={gid: source}),
                       str(subs / f"{student}.ipynb"))
    nbformat.write(notebook(W, solved=True, replace={"complete_analogy": HONEST_NUMPY}),
                   str(subs / "zz_honest_numpy_str.ipynb"))
    proc = subprocess.run([str(COURSE), "autograde", str(subs), W.id, "--out", str(out),
                           "--jobs", "2"], capture_output=True, text=True, timeout=1800)
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-2000:]
    with open(out / "grades.csv", newline="") as handle:
        rows = {r["student"]: r for r in csv.DictReader(handle)}
    cells = {nbgrader_meta(c)["grade_id"]: float(nbgrader_meta(c)["points"])
             for c in graded_cells(read_notebook(W.release_notebook))}
    return dict(rows=rows, cells=cells, out=out)


@pytest.mark.parametrize("student", sorted(ATTACKS))
def test_a_pretend_string_or_number_scores_nothing(scalar_batch, student):
    gid, _ = ATTACKS[student]
    row, cells = scalar_batch["rows"][student], scalar_batch["cells"]
    assert f"test_{gid}" in cells and all(t in cells for t in INDEPENDENT)
    assert float(row[f"test_{gid}"]) == 0, row
    for tid in INDEPENDENT:                    # the rest of the notebook was solved and graded
        assert float(row[tid]) == cells[tid], (tid, row)


def test_a_numpy_str_answer_gets_full_marks(scalar_batch):
    row = scalar_batch["rows"]["zz_honest_numpy_str"]
    assert float(row["score"]) == sum(scalar_batch["cells"].values()), row
