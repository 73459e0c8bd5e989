"""Validation of slant's extractors against published annotated corpora.

`scoring` holds the shared token-level scorer; `basil` loads BASIL and scores
loaded terms against its lexical-bias spans; `polnear` loads PolNeAR's brat
files and scores attributions. Loaders take any path the user gives; nothing is
downloaded.
"""
