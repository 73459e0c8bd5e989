"""One article file to text: .txt/.md as they are, .html reduced to its article; size limits; a folder's files."""

from __future__ import annotations

from pathlib import Path

from ..encodings import decode_bytes
from ..errors import SlantError
from ..html_input import HTML_SUFFIXES, read_page

TEXT_SUFFIXES = (".txt", ".md")
ARTICLE_SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES
# No news article comes near this (a long feature is ~150 KB); past it a file is a dump or a whole
# corpus, which would take minutes to analyse as one article and read as one: refuse it up front.
MAX_ARTICLE_BYTES = 5_000_000
MAX_PAGE_BYTES = 20_000_000  # trafilatura's own limit for one page


def _size_check(path: Path, limit: int) -> None:
    size = path.stat().st_size
    if size > limit:
        raise SlantError(f"{path}: {size / 1e6:.1f} MB is too large for one article (limit {limit / 1e6:.0f} MB); "
                         "split it into articles, or give a .jsonl corpus with one article a line")


def read_bytes(path: Path) -> bytes:
    """A file's bytes; a one-line `SlantError` naming it when it cannot be read."""
    try:
        return path.read_bytes()
    except OSError as exc:
        raise SlantError(f"{path}: cannot be read ({exc.strerror or exc})") from None


def read_article_file(path: Path, encoding: str | None = None) -> tuple[str, str]:
    """(text, title) of one article file: .txt/.md as they are, .html reduced to its article.

    A file that is too large, unreadable, binary, not in the encoding, or
    empty is a one-line `SlantError` naming it (see `slant.encodings`).
    """
    html = path.suffix.lower() in HTML_SUFFIXES
    try:
        _size_check(path, MAX_PAGE_BYTES if html else MAX_ARTICLE_BYTES)
    except OSError as exc:
        raise SlantError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    if html:
        page = read_page(read_bytes(path), path, encoding)
        text, title = page.text, page.title
    else:
        text, title = decode_bytes(read_bytes(path), path, encoding), ""
    if not text.strip():
        raise SlantError(f"{path}: the file is empty" + (" (only whitespace)" if text else ""))
    return text, title


def article_files(folder: Path) -> list[Path]:
    """The article files of a folder (any depth), sorted: .txt/.md/.html, hidden files and READMEs left out."""
    return sorted(p for p in folder.rglob("*") if p.suffix.lower() in ARTICLE_SUFFIXES
                  and not any(part.startswith(".") for part in p.relative_to(folder).parts)
                  and p.name.lower() not in ("readme.md",) and p.is_file())
