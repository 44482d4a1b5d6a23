"""Build ``names.h5``: the first names that c5w1a2's character-level language model learns from.

Source: the first-name frequency lists of the 1990 United States Census (``dist.female.first``,
4275 names, and ``dist.male.first``, 1219 names), as shipped by the PyPI package ``names``
0.3.0 (Trey Hunner; the package is MIT-licensed, and its README states that these data files
are public domain, derived from 1990 Census data).  Install it to rebuild:
``pip install names==0.3.0``.  Nothing is downloaded at run time: the notebook loads the
committed ``names.h5``.

Cleaning: the first column of each line (the name, upper case) is lower-cased, names that
contain anything but the letters a-z are dropped (none do in 0.3.0), names that appear in both
lists are kept once, and the result is sorted alphabetically, so the file does not depend on
the order of the source lists.  The file holds the names as one text, ``"aaron\\nabbey\\n..."``
(every name followed by a newline), stored as the uint8 array ``text`` of its ASCII bytes.
"""
from __future__ import annotations

import re
from importlib import metadata
from pathlib import Path

import numpy as np

from h5write import write_h5

PACKAGE, VERSION = "names", "0.3.0"
SOURCE_FILES = ("dist.female.first", "dist.male.first")

INFO = {
    "names.h5": {
        "description": "5163 distinct US first names (1990 Census), lower case a-z, sorted, "
                       "one per line: text (n_bytes,) uint8 ASCII",
        "source": "1990 US Census first-name lists (dist.female.first, dist.male.first) as "
                  "shipped by the PyPI package names 0.3.0",
        "license": "public domain (US Census data); the names package itself is MIT",
        "attribution": "U.S. Census Bureau, 1990 Census name files; packaged by Trey Hunner "
                       "(names 0.3.0)",
        "used_by": ["c5w1a2_char_language_model"],
    }
}


def _source_dir() -> Path:
    try:
        installed = metadata.version(PACKAGE)
    except metadata.PackageNotFoundError:
        raise SystemExit(f"the PyPI package {PACKAGE} is not installed: "
                         f"pip install {PACKAGE}=={VERSION}") from None
    if installed != VERSION:
        raise SystemExit(f"{PACKAGE} {installed} is installed; this build expects {VERSION} "
                         f"(pip install {PACKAGE}=={VERSION})")
    import names  # noqa: PLC0415  (only needed to rebuild)
    return Path(names.__file__).resolve().parent


def read_names() -> list[str]:
    """The cleaned, deduplicated, sorted list of names."""
    folder = _source_dir()
    found = set()
    for filename in SOURCE_FILES:
        for line in (folder / filename).read_text(encoding="ascii").splitlines():
            if not line.strip():
                continue
            name = line.split()[0].lower()
            if re.fullmatch(r"[a-z]+", name):
                found.add(name)
    return sorted(found)


def build(out_dir: Path) -> dict:
    names = read_names()
    text = "".join(name + "\n" for name in names)
    assert len(names) == 5163, len(names)      # what names 0.3.0 gives; the description says so
    write_h5(Path(out_dir) / "names.h5",
             {"text": np.frombuffer(text.encode("ascii"), dtype=np.uint8)},
             attrs={"description": INFO["names.h5"]["description"]})
    return INFO
