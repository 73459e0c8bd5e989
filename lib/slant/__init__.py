"""slant: how different news sources frame the same event."""

__version__ = "0.1.0"
