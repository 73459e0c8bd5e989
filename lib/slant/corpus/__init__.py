"""Reading articles: a folder of .txt/.md/.html files, single files, or a .jsonl/.jsonl.gz/.csv/.parquet corpus.

The result is the articles table (ARTICLE_COLUMNS), one row per article, in a
stable order (sorted by path, then by row). A sources file (CSV or YAML) gives
each file its source label, title, date, url, event and a note; without one,
an article's source is its subfolder's name, or its file name in a flat
folder. Text is decoded as UTF-8 unless a byte-order mark or ``encoding``
says otherwise (see `slant.encodings`), .html pages are reduced to their
article text (see `slant.html_input`), and newlines are normalised to "\\n";
every offset slant reports refers to this decoded ``text``.

One reader (`read.iter_items`) serves the in-memory `read_corpus` /
`load_corpus` and the streamed `slant.scale.stream.iter_articles`: ids,
encodings, sources-file joins, label merging (`labels`) and what is skipped
or stops the run are decided there. Every problem is a one-line message
naming the file (and line) and what is wrong.
"""

from .files import ARTICLE_SUFFIXES, MAX_ARTICLE_BYTES, MAX_PAGE_BYTES, TEXT_SUFFIXES, article_files, read_article_file
from .labels import LabelMerge, LabelPlan, merges_line, plan_labels
from .read import (ARTICLE_COLUMNS, Corpus, Problem, check_inputs, input_kind, input_unit, iter_items, label_plan,
                   load_corpus, nothing_read, plan_inputs, read_corpus, skip_line, skipped, skipped_summary,
                   source_counts)
from .sources import SOURCE_FIELDS, SOURCES_NAMES, SourcesTable, find_sources_file, read_sources
from .tables import STREAM_SUFFIXES, TABLE_SUFFIXES, field_type_problem, table_records, table_stem

__all__ = ["ARTICLE_COLUMNS", "ARTICLE_SUFFIXES", "Corpus", "LabelMerge", "LabelPlan", "MAX_ARTICLE_BYTES",
           "MAX_PAGE_BYTES", "Problem", "SOURCES_NAMES", "SOURCE_FIELDS", "STREAM_SUFFIXES", "SourcesTable",
           "TABLE_SUFFIXES", "TEXT_SUFFIXES", "article_files", "check_inputs", "field_type_problem",
           "find_sources_file", "input_kind", "input_unit", "iter_items", "label_plan", "load_corpus", "merges_line",
           "nothing_read", "plan_inputs", "plan_labels", "read_article_file", "read_corpus", "read_sources",
           "skip_line", "skipped", "skipped_summary", "source_counts", "table_records", "table_stem"]
