"""Article text from a saved web page (.html), with trafilatura.

The page is parsed, never rendered or executed: trafilatura (lxml) keeps the
article's paragraphs and drops scripts, styles, navigation and comments. Each
paragraph becomes one line, as in slant's .txt articles, and every offset
refers to this extracted text. The page's own ``<title>`` (or headline) is
the article's title unless the sources file gives one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from .encodings import bom_encoding, decode_bytes
from .errors import SlantError

HTML_SUFFIXES = (".html", ".htm")
META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{1,40})""", re.IGNORECASE)

# Labels that browsers read as Windows-1252 (WHATWG Encoding Standard), so pages labelled so decode as they display.
WINDOWS_1252_LABELS = frozenset({"iso-8859-1", "iso8859-1", "latin1", "latin-1", "l1", "us-ascii", "ascii",
                                 "windows-1252", "cp1252", "x-cp1252"})


@dataclass(frozen=True)
class Page:
    """What a page gives slant: the article text (one paragraph a line) and its title."""

    text: str
    title: str


def declared_charset(data: bytes) -> str | None:
    """The charset a page declares in a ``<meta>`` tag near its start, if any."""
    match = META_CHARSET.search(data[:4096])
    if not match:
        return None
    name = match.group(1).decode("ascii").lower()
    return "cp1252" if name in WINDOWS_1252_LABELS else name


def read_page(data: bytes, path: str | Path, encoding: str | None = None) -> Page:
    """Extract the article of a page; a one-line `SlantError` when it has none."""
    from .errors import optional_module

    path = Path(path)
    optional_module("trafilatura", "html", f"{path}: reading a saved web page")
    import trafilatura
    if encoding is None and bom_encoding(data) is None:
        encoding = declared_charset(data)
    markup = decode_bytes(data, path, encoding)
    if not markup.strip():
        raise SlantError(f"{path}: the file is empty")
    try:
        text = trafilatura.extract(markup, output_format="txt", include_comments=False, include_tables=True,
                                   include_images=False, include_links=False, deduplicate=False, favor_recall=True)
        metadata = trafilatura.extract_metadata(markup)
    except (ValueError, TypeError) as exc:  # lxml's refusals of malformed documents
        raise SlantError(f"{path}: could not read this HTML ({exc})") from None
    lines = [" ".join(line.split()) for line in (text or "").split("\n")]
    text = "\n".join(line for line in lines if line)
    if not text:
        raise SlantError(f"{path}: no article text found in this HTML page (no paragraphs of text)")
    title = " ".join(str(getattr(metadata, "title", "") or "").split())
    return Page(text + "\n", title)
