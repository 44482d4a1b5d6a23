"""Read one column of strings from a Parquet file, in pure Python (no pyarrow), for the builders.

The GloVe package that ``build_glove.py`` reads stores its vocabulary as a one-column Parquet
file (written by pyarrow: Snappy-compressed pages, a PLAIN dictionary page and RLE_DICTIONARY
data pages, or PLAIN data pages).  The course builds its data with NumPy only, so this module
implements the small part of the format that such a file uses: the Thrift compact protocol of
the footer and page headers, Snappy decompression, PLAIN byte arrays, and the RLE/bit-packed
hybrid encoding of definition levels and dictionary indices.  Anything else (nested columns,
other codecs, other encodings) is refused with an error rather than read wrongly.

    >>> words = read_string_column(path)        # list of str, in row order
"""
from __future__ import annotations

import struct
from pathlib import Path

# --- Thrift compact protocol (just enough for the Parquet footer and page headers) ---------

_STOP, _TRUE, _FALSE, _BYTE, _I16, _I32, _I64, _DOUBLE, _BINARY, _LIST, _SET, _MAP, _STRUCT = \
    range(13)


class _Reader:
    def __init__(self, data: bytes, pos: int = 0):
        self.data, self.pos = data, pos

    def byte(self) -> int:
        value = self.data[self.pos]
        self.pos += 1
        return value

    def varint(self) -> int:
        shift = result = 0
        while True:
            b = self.byte()
            result |= (b & 0x7F) << shift
            if not b & 0x80:
                return result
            shift += 7

    def zigzag(self) -> int:
        n = self.varint()
        return (n >> 1) ^ -(n & 1)

    def take(self, n: int) -> bytes:
        out = self.data[self.pos:self.pos + n]
        self.pos += n
        return out

    def value(self, kind: int):
        if kind == _TRUE:
            return True
        if kind == _FALSE:
            return False
        if kind == _BYTE:
            return self.byte()
        if kind in (_I16, _I32, _I64):
            return self.zigzag()
        if kind == _DOUBLE:
            return struct.unpack("<d", self.take(8))[0]
        if kind == _BINARY:
            return self.take(self.varint())
        if kind in (_LIST, _SET):
            header = self.byte()
            size, elem = header >> 4, header & 0x0F
            if size == 15:
                size = self.varint()
            if elem in (_TRUE, _FALSE):          # booleans in a list take one byte each
                return [self.byte() == 1 for _ in range(size)]
            return [self.value(elem) for _ in range(size)]
        if kind == _MAP:
            size = self.varint()
            if size == 0:
                return {}
            types = self.byte()
            return {self.value(types >> 4): self.value(types & 0x0F) for _ in range(size)}
        if kind == _STRUCT:
            return self.struct()
        raise ValueError(f"unknown Thrift compact type {kind}")

    def struct(self) -> dict:
        fields, last = {}, 0
        while True:
            header = self.byte()
            if header == _STOP:
                return fields
            delta, kind = header >> 4, header & 0x0F
            field = last + delta if delta else self.zigzag()
            fields[field] = self.value(kind)
            last = field


# --- Snappy (raw block format) ----------------------------------------------------------------

def snappy_decompress(data: bytes) -> bytes:
    """Decompress one raw Snappy block."""
    reader = _Reader(data)
    size = reader.varint()
    out = bytearray()
    n = len(data)
    while reader.pos < n:
        tag = reader.byte()
        kind = tag & 3
        if kind == 0:                                        # literal
            length = tag >> 2
            if length >= 60:
                extra = length - 59
                length = int.from_bytes(reader.take(extra), "little")
            out += reader.take(length + 1)
            continue
        if kind == 1:
            length = ((tag >> 2) & 7) + 4
            offset = ((tag >> 5) << 8) | reader.byte()
        elif kind == 2:
            length = (tag >> 2) + 1
            offset = int.from_bytes(reader.take(2), "little")
        else:
            length = (tag >> 2) + 1
            offset = int.from_bytes(reader.take(4), "little")
        start = len(out) - offset
        if offset >= length:
            out += out[start:start + length]
        else:                                                # overlapping copy: repeat
            chunk = out[start:]
            while length > 0:
                piece = chunk[:length]
                out += piece
                length -= len(piece)
    if len(out) != size:
        raise ValueError(f"snappy: expected {size} bytes, got {len(out)}")
    return bytes(out)


# --- Parquet ----------------------------------------------------------------------------------

_CODECS = {0: "UNCOMPRESSED", 1: "SNAPPY"}
_PLAIN, _PLAIN_DICTIONARY, _RLE, _RLE_DICTIONARY = 0, 2, 3, 8


def _rle_hybrid(data: bytes, bit_width: int, count: int) -> list[int]:
    """Decode ``count`` values of the RLE / bit-packed hybrid encoding."""
    reader, out = _Reader(data), []
    byte_width = (bit_width + 7) // 8
    mask = (1 << bit_width) - 1
    while len(out) < count:
        header = reader.varint()
        if header & 1:                                       # bit-packed groups of 8
            nbytes = (header >> 1) * bit_width
            bits = int.from_bytes(reader.take(nbytes), "little")
            for i in range((header >> 1) * 8):
                out.append((bits >> (i * bit_width)) & mask)
        else:                                                # one value repeated
            value = int.from_bytes(reader.take(byte_width), "little")
            out.extend([value] * (header >> 1))
    return out[:count]


def _plain_strings(data: bytes, count: int) -> list[bytes]:
    out, pos = [], 0
    for _ in range(count):
        (length,) = struct.unpack_from("<i", data, pos)
        out.append(data[pos + 4:pos + 4 + length])
        pos += 4 + length
    return out


def read_string_column(path: Path, column: int = 0) -> list[str]:
    """All values of string column ``column`` of a flat Parquet file, in row order (no nulls)."""
    data = Path(path).read_bytes()
    if data[:4] != b"PAR1" or data[-4:] != b"PAR1":
        raise ValueError(f"{path} is not a Parquet file")
    (footer_len,) = struct.unpack("<i", data[-8:-4])
    meta = _Reader(data[-8 - footer_len:-8]).struct()
    schema = meta[2]
    leaves = [s for s in schema[1:] if 5 not in s]           # field 5: num_children
    if len(leaves) != len(schema) - 1:
        raise ValueError("nested Parquet schemas are not supported")
    optional = leaves[column].get(3, 0) == 1                  # repetition_type OPTIONAL
    values: list[str] = []
    for group in meta[4]:
        chunk = group[1][column][3]
        codec = chunk[4]
        if codec not in _CODECS:
            raise ValueError(f"Parquet codec {codec} is not supported (only Snappy or none)")
        start = chunk.get(11, chunk[9]) if chunk.get(11) else chunk[9]
        end = start + chunk[7]
        reader = _Reader(data, start)
        dictionary: list[bytes] | None = None
        while reader.pos < end:
            header = reader.struct()
            body = reader.take(header[3])
            page_type = header[1]
            if page_type == 2:                                # dictionary page
                raw = snappy_decompress(body) if codec == 1 else body
                dictionary = _plain_strings(raw, header[7][1])
                continue
            if page_type == 0:                                # data page v1
                raw = snappy_decompress(body) if codec == 1 else body
                info = header[5]
                n, encoding = info[1], info[2]
                pos = 0
                if optional:
                    (level_len,) = struct.unpack_from("<i", raw, 0)
                    levels = _rle_hybrid(raw[4:4 + level_len], 1, n)
                    pos = 4 + level_len
                    if not all(levels):
                        raise ValueError("null values are not supported")
                payload = raw[pos:]
            elif page_type == 3:                              # data page v2
                info = header[8]
                n, encoding = info[1], info[4]
                if info.get(2, 0):
                    raise ValueError("null values are not supported")
                skip = info.get(5, 0) + info.get(6, 0)
                payload = body[skip:]
                if codec == 1 and info.get(7, True):
                    payload = snappy_decompress(payload)
            else:
                continue
            if encoding == _PLAIN:
                page = _plain_strings(payload, n)
            elif encoding in (_PLAIN_DICTIONARY, _RLE_DICTIONARY):
                if dictionary is None:
                    raise ValueError("dictionary-encoded page without a dictionary")
                page = [dictionary[i] for i in _rle_hybrid(payload[1:], payload[0], n)]
            else:
                raise ValueError(f"Parquet encoding {encoding} is not supported")
            values.extend(v.decode("utf-8") for v in page)
    if len(values) != meta[3]:
        raise ValueError(f"read {len(values)} values, the footer says {meta[3]} rows")
    return values
