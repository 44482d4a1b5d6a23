"""Dates as token ids for c5w4a1's Transformer, and greedy translation.

    coder = DateCoder(human_vocab, machine_vocab, Tx=30, Ty=10)
    enc = coder.encode(["3 may 1979"])          # (1, 30): 0 = <pad>, 1.. the other characters
    y = coder.labels(["1979-05-03"])            # (1, 10): 1..11, the machine characters
    dec = teacher_input(y)                      # (1, 10): 0 = start, then y[:, :-1]
    translate(predict, coder, ["3 may 1979"])   # ["1979-05-03"]

``predict(enc_ids, dec_ids)`` is any function returning the model's probabilities
(m, Ty, target_vocab_size); the masks are the caller's business (this module builds none).
"""
from __future__ import annotations

import numpy as np

__all__ = ["DateCoder", "teacher_input", "translate", "text_list"]


def text_list(blob) -> list[str]:
    """A text array of dates.h5 (UTF-8 bytes, one string a line) as a list of str."""
    return bytes(np.asarray(blob, dtype=np.uint8)).decode("utf-8").split("\n")


class DateCoder:
    """Strings <-> token ids.  Encoder ids: 0 = <pad>, 1..V-1 the other entries of the human
    vocabulary in order (<unk> for unknown characters).  Decoder ids: 0 = the start token,
    1..11 the machine characters (also the labels)."""

    def __init__(self, human_vocab, machine_vocab, Tx: int, Ty: int):
        self.human = [str(c) for c in human_vocab if c != "<pad>"]
        self.h_index = {c: i + 1 for i, c in enumerate(self.human)}
        self.unk = self.h_index["<unk>"]
        self.machine = [str(c) for c in machine_vocab]
        self.m_index = {c: i + 1 for i, c in enumerate(self.machine)}
        self.Tx, self.Ty = int(Tx), int(Ty)
        self.input_vocab_size = len(self.human) + 1
        self.target_vocab_size = len(self.machine) + 1

    def encode(self, strings) -> np.ndarray:
        """(m, Tx) int64 ids of lower-cased strings (cut at Tx characters), padded with 0."""
        ids = np.zeros((len(strings), self.Tx), np.int64)
        for n, s in enumerate(strings):
            row = [self.h_index.get(c, self.unk) for c in str(s).lower()][:self.Tx]
            ids[n, :len(row)] = row
        return ids

    def labels(self, strings) -> np.ndarray:
        """(m, Ty) int64 ids of machine strings."""
        return np.array([[self.m_index[c] for c in s] for s in strings], np.int64)

    def decode(self, ids) -> list[str]:
        return ["".join(self.machine[i - 1] if i > 0 else "?" for i in row) for row in ids]


def teacher_input(labels) -> np.ndarray:
    """The decoder's input while training: the start token 0, then labels[:, :-1]."""
    labels = np.asarray(labels)
    return np.concatenate([np.zeros((len(labels), 1), np.int64), labels[:, :-1]], axis=1)


def translate(predict, coder: DateCoder, strings, batch: int = 500) -> list[str]:
    """Greedy decoding: Ty calls of predict, each feeding back the characters chosen so far
    (position t of the output only sees decoder positions <= t, so later entries do not
    matter)."""
    out = []
    for start in range(0, len(strings), batch):
        enc = coder.encode(strings[start:start + batch])
        dec = np.zeros((len(enc), coder.Ty), np.int64)
        chosen = np.zeros_like(dec)
        for t in range(coder.Ty):
            probs = np.asarray(predict(enc, dec))
            chosen[:, t] = np.argmax(probs[:, t, 1:], axis=-1) + 1
            if t + 1 < coder.Ty:
                dec[:, t + 1] = chosen[:, t]
        out.extend(coder.decode(chosen))
    return out
