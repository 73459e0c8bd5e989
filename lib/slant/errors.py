"""The one exception type for user mistakes.

A `SlantError` carries a one-line message that names the file (or parameter)
and what is wrong with it. The CLI catches it and prints the message with exit
status 2; anything else that escapes is a bug and keeps its traceback.
"""


class SlantError(Exception):
    """A user mistake (bad input, bad option), reported as one line."""

    def __init__(self, message: str):
        super().__init__(" ".join(str(message).split()))


def optional_module(name: str, extra: str, needed_for: str):
    """Import an optional dependency, or say in one line which extra installs it (not a ModuleNotFoundError)."""
    import importlib

    try:
        return importlib.import_module(name)
    except ModuleNotFoundError as missing:
        if missing.name != name and not str(missing.name or "").startswith(name + "."):
            raise
        raise SlantError(f"{needed_for} needs the optional package {name.split('.')[0]}: "
                         f"pip install 'slant[{extra}]' (python3 tasks.py setup installs every extra)") from None
