"""Rebuild every committed data file and rewrite MANIFEST.json (run with `make datasets`).

Each ``build_*.py`` beside this file has ``build(out_dir) -> {filename: info}``; this script
runs them all and records each file's size and SHA-256 with its source and license, which
``utils.data`` checks on every load and ``tests/test_datasets.py`` checks in CI.
"""
from __future__ import annotations

import importlib
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from utils.data import sha256  # noqa: E402

BUILDERS = sorted(p.stem for p in HERE.glob("build_*.py") if p.stem != "build_all")


def main(only: list[str] | None = None) -> None:
    manifest_path = HERE / "MANIFEST.json"
    manifest = json.loads(manifest_path.read_text())["files"] if manifest_path.exists() else {}
    for name in BUILDERS:
        if only and name not in only:
            continue
        print(f"building with {name}.py ...")
        for filename, info in importlib.import_module(name).build(HERE).items():
            path = HERE / filename
            manifest[filename] = {**info, "builder": f"datasets/{name}.py",
                                  "bytes": path.stat().st_size, "sha256": sha256(path)}
            print(f"  {filename}: {path.stat().st_size} bytes, sha256 {manifest[filename]['sha256']}")
    manifest_path.write_text(json.dumps({"files": dict(sorted(manifest.items()))}, indent=2) + "\n")


if __name__ == "__main__":
    main(sys.argv[1:] or None)
