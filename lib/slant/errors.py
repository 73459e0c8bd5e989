"""The one exception type for user mistakes.

A `SlantError` carries a one-line message that names the file (or parameter)
and what is wrong with it. The CLI catches it and prints the message with exit
status 2; anything else that escapes is a bug and keeps its traceback.
"""


class SlantError(Exception):
    """A user mistake (bad input, bad option), reported as one line."""

    def __init__(self, message: str):
        super().__init__(" ".join(str(message).split()))
