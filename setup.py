"""Build hook: ship the repository's notebooks/ inside the package as ``slant/notebooks``.

Everything else about the package is declared in pyproject.toml. The notebook
suite has one copy, the top-level ``notebooks/`` folder that people open in
JupyterLab; a built wheel (or a regular ``pip install .``) gets a copy of its
``NN_name.ipynb`` files in ``slant/notebooks/``, where `slant.report` finds
them with importlib.resources. An editable install copies nothing: there the
package finds the repository's folder itself.
"""

from pathlib import Path
import shutil

from setuptools import setup
from setuptools.command.build_py import build_py

NOTEBOOKS = Path(__file__).resolve().parent / "notebooks"


class build_py_with_notebooks(build_py):
    """setuptools' build_py, then the suite's notebooks copied into the built package."""

    def run(self):
        super().run()
        if getattr(self, "editable_mode", False):
            return  # the checkout's notebooks/ is found in place
        paths = sorted(NOTEBOOKS.glob("[0-9][0-9]_*.ipynb"))
        if not paths:
            raise SystemExit(f"{NOTEBOOKS}: no notebooks (NN_name.ipynb) to ship")
        target = Path(self.build_lib) / "slant" / "notebooks"
        target.mkdir(parents=True, exist_ok=True)
        for path in paths:
            shutil.copyfile(path, target / path.name)


setup(cmdclass={"build_py": build_py_with_notebooks})
