"""Checks a TrueType file before reportlab parses it, so a damaged font is refused in words.

reportlab's parser trusts the counts a font declares: a character map whose
ranges claim billions of characters makes it build a dictionary of billions
of entries (gigabytes, then the process is killed), and a list of fonts in a
collection claiming billions of members makes it read until the file ends.
``font_problem`` reads only the file's table directory and its character
maps, and refuses declared sizes no real font has, before reportlab sees the
file. Everything else reportlab reads is bounded by 16-bit counts.
"""

from __future__ import annotations

import struct

#: Every code point Unicode has; a character map covering more than this is damaged.
MAX_CODE_POINTS = 0x110000
#: The largest font file read: the biggest CJK collections are a few hundred MB.
MAX_FONT_BYTES = 512 * 1024 * 1024

_TRUETYPE = (0x00010000, 0x74727565)  # version 1.0, "true"
_COLLECTION = 0x74746366  # "ttcf"
_CFF = 0x4F54544F  # "OTTO"


class FontFileProblem(ValueError):
    """A font file that cannot be used; the message says why, in words."""


def font_problem(data: bytes) -> str | None:
    """Say what makes a font file's bytes unusable before parsing it (None when nothing is seen).

    Checks the header, the first font of a collection, the table directory
    and the sizes every character map declares.
    """
    try:
        _check(data)
    except FontFileProblem as exc:
        return str(exc)
    except struct.error:
        return "the file ends too early (truncated?)"
    return None


def _check(data: bytes) -> None:
    if len(data) > MAX_FONT_BYTES:
        raise FontFileProblem(f"the file is larger than {MAX_FONT_BYTES // 2**20} MB; no font is that large")
    (version,) = struct.unpack_from(">I", data, 0)
    start = 0
    if version == _COLLECTION:
        (count,) = struct.unpack_from(">I", data, 8)
        if count == 0 or 12 + 4 * count > len(data):
            raise FontFileProblem(f"the collection claims {count:,} fonts, more than the file holds")
        (start,) = struct.unpack_from(">I", data, 12)
        (version,) = struct.unpack_from(">I", data, start)
    if version == _CFF:
        raise FontFileProblem("it has PostScript (CFF) outlines; only TrueType outlines can be embedded")
    if version not in _TRUETYPE:
        raise FontFileProblem("it is not a TrueType font (its first bytes are not a TrueType header)")
    (tables,) = struct.unpack_from(">H", data, start + 4)
    cmap = None
    for index in range(tables):
        tag, _checksum, offset, length = struct.unpack_from(">4sIII", data, start + 12 + 16 * index)
        if offset + length > len(data):
            raise FontFileProblem(f"its {tag.decode('latin-1')!r} table runs past the end of the file (truncated?)")
        if tag == b"cmap":
            cmap = (offset, length)
    if cmap is None:
        raise FontFileProblem("it has no character map (cmap table)")
    _check_cmap(data, *cmap)


def _check_cmap(data: bytes, offset: int, length: int) -> None:
    _version, count = struct.unpack_from(">HH", data, offset)
    for index in range(count):
        _platform, _encoding, sub = struct.unpack_from(">HHI", data, offset + 4 + 8 * index)
        if sub >= length:
            raise FontFileProblem("a character map lies outside its table")
        covered = _characters(data, offset + sub)
        if covered > MAX_CODE_POINTS:
            raise FontFileProblem(
                f"a character map claims {covered:,} characters, more than Unicode has (the font is damaged)"
            )


def _characters(data: bytes, at: int) -> int:
    """How many characters one character-map subtable claims to map: what reportlab will iterate over."""
    (fmt,) = struct.unpack_from(">H", data, at)
    if fmt == 4:
        (seg_x2,) = struct.unpack_from(">H", data, at + 6)
        segments = seg_x2 // 2
        ends = struct.unpack_from(f">{segments}H", data, at + 14)
        starts = struct.unpack_from(f">{segments}H", data, at + 16 + 2 * segments)
        return sum(max(0, end - begin + 1) for begin, end in zip(starts, ends))
    if fmt == 10:
        (count,) = struct.unpack_from(">I", data, at + 16)
        return count
    if fmt in (12, 13):
        (groups,) = struct.unpack_from(">I", data, at + 12)
        if 16 + 12 * groups > len(data) - at:
            raise FontFileProblem(f"a character map claims {groups:,} ranges, more than the file holds")
        total = 0
        for group in range(groups):
            begin, end = struct.unpack_from(">II", data, at + 16 + 12 * group)
            total += max(0, end - begin + 1)
            if total > MAX_CODE_POINTS:
                break
        return total
    if fmt == 2:
        # As reportlab reads it: a subheader for every key up to the largest, and each
        # high byte with a key walks that subheader's entries.
        keys = struct.unpack_from(">256H", data, at + 6)
        counts = [struct.unpack_from(">H", data, at + 520 + 8 * h)[0] for h in range(max(keys) + 1)]
        return sum(counts[key] for key in keys if key)
    return 0  # formats 0 and 6 hold at most 256 and 65,536 entries
