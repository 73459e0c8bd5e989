"""Bytes to text: byte-order marks, declared encodings, binary files, newlines.

`decode_bytes` is the one place where slant turns an input file's bytes into
the text that every offset refers to. Without a declared encoding a file must
be UTF-8, or carry a byte-order mark (UTF-8, UTF-16 or UTF-32); other bytes
are refused with a one-line error that says which encoding to declare, rather
than guessed, because a wrong guess silently changes the words a researcher
counts. ``encoding="auto"`` opts into a guess for Western European text
(UTF-8, else Windows-1252, else Latin-1). Newlines become "\\n".
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from pathlib import Path

from .errors import SlantError

AUTO = "auto"
# Longest first: the UTF-32-LE mark begins with the UTF-16-LE one.
BOMS = ((codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"), (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))
SIGNATURES = ((b"\x89PNG\r\n\x1a\n", "a PNG image"), (b"\xff\xd8\xff", "a JPEG image"), (b"GIF87a", "a GIF image"),
              (b"GIF89a", "a GIF image"), (b"%PDF-", "a PDF document"), (b"PK\x03\x04", "a ZIP archive (or .docx)"),
              (b"\x1f\x8b", "a gzip archive"), (b"\x7fELF", "a program"), (b"RIFF", "a media file"),
              (b"\xd0\xcf\x11\xe0", "an old Office document"), (b"{\\rtf", "an RTF document"))
SNIFF_BYTES = 8192
# C0 controls other than tab, newlines, form feed and vertical tab never appear in text.
CONTROL_CHARS = frozenset(chr(c) for c in range(32) if chr(c) not in "\t\n\r\f\v") | {"\x7f"}


def bom_encoding(data: bytes) -> str | None:
    """The encoding a byte-order mark at the start of ``data`` declares, if any."""
    for bom, name in BOMS:
        if data.startswith(bom):
            return name
    return None


def _binary_kind(data: bytes) -> str | None:
    """What a file that is not text looks like ("a PNG image"), or None for text."""
    for signature, kind in SIGNATURES:
        if data.startswith(signature):
            return kind
    head = data[:SNIFF_BYTES]
    if b"\x00" in head:
        return "binary data (it contains NUL bytes)"
    return None


def _utf16_without_bom(data: bytes) -> str | None:
    """'utf-16-le'/'utf-16-be' when ASCII text alternates with NUL bytes (UTF-16 without a mark)."""
    head = data[:SNIFF_BYTES - SNIFF_BYTES % 2]
    if len(head) < 4:
        return None
    even, odd = head[0::2], head[1::2]
    if odd.count(0) > 0.9 * len(odd) and even.count(0) < 0.1 * len(even):
        return "utf-16-le"
    if even.count(0) > 0.9 * len(even) and odd.count(0) < 0.1 * len(odd):
        return "utf-16-be"
    return None


def _wide(data: bytes, declared: str | None) -> bool:
    """UTF-16/32 by a byte-order mark or by the declared encoding (their NUL bytes are text)."""
    marked = bom_encoding(data) or ""
    return marked.startswith(("utf-16", "utf-32")) or (
        declared is not None and declared.lower().replace("_", "-").startswith(("utf-16", "utf-32", "utf16", "utf32")))


def binary_problem(data: bytes, encoding: str | None = None) -> str | None:
    """Why bytes that open a file are not text ("looks like a binary file (a PNG image), not text"), or None."""
    declared = (encoding or "").strip() or None
    if _wide(data, declared):
        return None
    kind = _binary_kind(data)
    if kind is None:
        return None
    utf16 = _utf16_without_bom(data) if kind.startswith("binary data") else None
    if utf16:
        return f"looks like {utf16.upper()} text without a byte-order mark; give --encoding {utf16}"
    return f"looks like a binary file ({kind}), not text"


def is_wide(data: bytes, encoding: str | None = None) -> bool:
    """Whether a file opening with ``data`` is UTF-16/32 (by its mark or ``encoding``): its lines are not byte lines."""
    return _wide(data, (encoding or "").strip() or None)


def line_codec(data: bytes, path: str | Path, encoding: str | None = None) -> str | None:
    """The codec for each line of a (not wide) file opening with ``data``: the declared one, else UTF-8.

    None for ``auto`` (each line: UTF-8, else Windows-1252, else Latin-1). An
    unknown codec is a one-line `SlantError`. "utf-8" drops a byte-order mark.
    """
    declared = (encoding or "").strip() or None
    if declared is not None and declared.lower() == AUTO:
        return None
    try:
        name = codecs.lookup(declared or "utf-8").name
    except LookupError:
        raise SlantError(f"{path}: unknown encoding {encoding!r} (e.g. utf-8, utf-16, cp1252, latin-1, auto)") from None
    return "utf-8-sig" if name == "utf-8" else name


def decode_line(raw: bytes, codec: str | None) -> str:
    """One line in ``codec`` (None: auto), undecodable bytes kept as U+DC80–U+DCFF for the row's check to name."""
    if codec is not None:
        return raw.decode(codec, errors="surrogateescape")
    for name in ("utf-8", "cp1252"):
        try:
            return raw.decode(name)
        except UnicodeDecodeError:
            continue
    return raw.decode("latin-1")


def _hint(data: bytes) -> str:
    """Which encoding to declare for bytes that are not UTF-8."""
    try:
        data.decode("cp1252")
    except UnicodeDecodeError:
        return "give the encoding with --encoding (e.g. --encoding latin-1)"
    return "it may be Windows-1252: give --encoding cp1252 (or --encoding latin-1, or --encoding auto)"


def normalise_newlines(text: str) -> str:
    """CRLF and lone CR become LF (offsets refer to the text after this)."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _decode_with(data: bytes, path: Path, encoding: str) -> str:
    try:
        name = codecs.lookup(encoding).name
    except LookupError:
        raise SlantError(f"{path}: unknown encoding {encoding!r} (e.g. utf-8, utf-16, cp1252, latin-1, auto)") from None
    if name == "utf-8":
        name = "utf-8-sig"
    try:
        text = data.decode(name)
    except UnicodeDecodeError as exc:
        raise SlantError(f"{path}: not {encoding} text (byte 0x{data[exc.start]:02x} at offset {exc.start}); "
                         "give the right encoding with --encoding") from None
    return text[1:] if text.startswith("\ufeff") else text


def decode_bytes(data: bytes, path: str | Path, encoding: str | None = None) -> str:
    """Text of a file's bytes with "\\n" newlines; a one-line `SlantError` when they are not text.

    ``encoding``: None (UTF-8, or what a byte-order mark says), a codec name
    (a mark of that codec is dropped), or ``"auto"`` (mark, else UTF-8, else
    Windows-1252, else Latin-1).
    """
    path = Path(path)
    declared = (encoding or "").strip() or None
    marked = bom_encoding(data)
    if problem := binary_problem(data, declared):
        raise SlantError(f"{path}: {problem}")
    if declared is not None and declared.lower() != AUTO:
        text = _decode_with(data, path, declared)
    elif marked:
        text = _decode_with(data, path, marked)
    else:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            if declared is None:
                raise SlantError(f"{path}: not UTF-8 text (byte 0x{data[exc.start]:02x} at offset {exc.start}); "
                                 f"{_hint(data)}") from None
            try:
                text = data.decode("cp1252")
            except UnicodeDecodeError:
                text = data.decode("latin-1")
    head = text[:SNIFF_BYTES]
    if head and sum(char in CONTROL_CHARS for char in head) > max(2, len(head) // 100):
        raise SlantError(f"{path}: looks like a binary file (control characters), not text")
    return normalise_newlines(text)


# UTF-8 read as Windows-1252 or Latin-1 and saved again: "PeÃ±a" (Peña), "donâ€™t" (don’t), "Â " (no-break space)
DOUBLE_ENCODED_RE = re.compile(r"\w*(?:Ã[\u0080-\u00bf‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ]"
                               r"|â€[\u0080-\u00bf™œšž“”‘’•–—\"]|Â[\u00a0-\u00bf])\w*")


def double_encoded(text: str) -> tuple[str, str] | None:
    """The first word of ``text`` that was encoded twice, and what it reads once repaired ("PeÃ±a", "Peña");
    None when there is none. slant reads such text as written (offsets stay the file's): this only says so."""
    m = DOUBLE_ENCODED_RE.search(unicodedata.normalize("NFC", text))  # "Ã" may be written as A + combining tilde
    if m is None:
        return None
    word = m.group()
    for codec in ("cp1252", "latin-1"):
        try:
            return word, word.encode(codec).decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            continue
    return word, word
