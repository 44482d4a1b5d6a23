"""Train every shipped weight file and record it in MANIFEST.json (run with `make weights`).

Each ``train_*.py`` beside this file has

* ``train(out_dir) -> {filename: info}``: trains from the committed data with a fixed seed and
  saves the weights (``Model.save_weights``); ``info`` has the manifest's usual keys
  (description, source, license, attribution, used_by) plus ``"accuracy": {"split": "test",
  "value": 0.93}``, the accuracy the weights reach on that split;
* ``evaluate(path) -> float``: that accuracy, recomputed from the file
  (``tests/test_weights.py`` checks it against the manifest).

This script times each ``train()`` and records the training time, size and checksum.
Training is a build step: notebooks only load the files.
"""
from __future__ import annotations

import importlib
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from build_all import load_manifest, record, save  # noqa: E402

TRAINERS = sorted(p.stem for p in HERE.glob("train_*.py") if p.stem != "train_all")


def main(only: list[str] | None = None) -> None:
    manifest = load_manifest()
    for name in TRAINERS:
        if only and name not in only:
            continue
        print(f"training with {name}.py ...", flush=True)
        start = time.monotonic()
        built = importlib.import_module(name).train(HERE)
        seconds = time.monotonic() - start
        for filename, info in built.items():
            record(manifest, filename, {**info, "train_seconds": round(seconds, 1)}, name)
        save(manifest)                       # after each trainer: a long run keeps its work


if __name__ == "__main__":
    main(sys.argv[1:] or None)
