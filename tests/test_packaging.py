"""slant as an installed package, not only as a checkout.

The fast checks read pyproject.toml: every third-party module that lib/slant
imports is declared (a module imported when slant's own module is imported
must be a core dependency; one imported inside a function may sit in an
extra), and every declared range holds the exact version requirements.txt pins.

The wheel checks build a wheel from a copy of the sources (``pip wheel
--no-deps``, the way ``pip install .`` builds; setuptools comes from pip's
cache or the registry, as for any build), check that it holds every data file
slant loads with importlib.resources (data/, templates/, the notebook suite
copied from the top-level notebooks/), then install it into a fresh virtual
environment in tmp_path, outside the checkout, and run ``slant analyze`` and
``slant report`` on a copy of the seeds with the working folder there too.

The fresh environment installs slant alone (``pip install --no-deps`` of the
wheel) and sees its dependencies through a ``.pth`` file naming this
environment's site-packages, appended after its own: installing the ~150 pinned
packages again would take minutes, while what this test is about (the package
finds its notebooks, templates and data files without the checkout) is the
same. A plain path in a ``.pth`` file does not run the ``.pth`` files of the
folder it names, so the checkout's editable install (``lib/`` on the path) is
not seen; the test checks that slant and its notebooks are imported from the
fresh environment. The extras' modules (Dask, trafilatura, JupyterLab) are made
unimportable there, so the run also shows that the core dependencies suffice. About 40-60 s on two busy cores, most of it the report.
"""

from __future__ import annotations

import ast
import json
import os
import re
import shutil
import subprocess
import sys
import sysconfig
import tomllib
import zipfile
from importlib import metadata
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from helpers import SEEDS

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "lib" / "slant"
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
N_NOTEBOOKS = len(list((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb")))


def _pins() -> dict[str, str]:
    """requirements.txt as {canonical name: pinned version}."""
    pins = {}
    for line in (ROOT / "requirements.txt").read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            name, version = line.split("==")
            pins[canonicalize_name(name)] = version.strip()
    return pins


def _declared() -> tuple[list[Requirement], dict[str, list[Requirement]]]:
    project = PYPROJECT["project"]
    extras = {name: [Requirement(r) for r in reqs] for name, reqs in project["optional-dependencies"].items()}
    return [Requirement(r) for r in project["dependencies"]], extras


def _third_party_imports() -> dict[str, set[bool]]:
    """{top-level module: {imported at module level?, …}} for every import of lib/slant outside the stdlib."""
    found: dict[str, set[bool]] = {}
    for path in PACKAGE.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        top_level = {id(node) for node in tree.body}
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            else:
                continue
            for name in names:
                top = name.split(".")[0]
                if top not in sys.stdlib_module_names and top != "slant":
                    found.setdefault(top, set()).add(id(node) in top_level)
    return found


def test_every_imported_module_is_declared_core_when_imported_at_module_level():
    core, extras = _declared()
    core_names = {canonicalize_name(r.name) for r in core}
    extra_names = {canonicalize_name(r.name) for reqs in extras.values() for r in reqs}
    distributions = metadata.packages_distributions()
    imports = _third_party_imports()
    assert {"pyphen", "scipy", "nbclient", "dask", "trafilatura"} <= set(imports)  # the scan sees lazy imports too
    missing, not_core = [], []
    for module, levels in sorted(imports.items()):
        names = {canonicalize_name(d) for d in distributions.get(module, [module])}
        if not names & (core_names | extra_names):
            missing.append(f"{module} ({', '.join(sorted(names))})")
        elif True in levels and not names & core_names:
            not_core.append(module)
    assert missing == [], "imported by lib/slant but not declared in pyproject.toml"
    assert not_core == [], "imported when a slant module is imported, so a core dependency, not an extra"


def test_extras_hold_what_not_every_user_needs():
    core, extras = _declared()
    core_names = {canonicalize_name(r.name) for r in core}
    assert {canonicalize_name(r.name) for r in extras["scale"]} == {"dask", "distributed"}
    assert [r.name for r in extras["html"]] == ["trafilatura", "lxml_html_clean"]
    assert [r.name for r in extras["lab"]] == ["jupyterlab"]
    assert not {"dask", "distributed", "trafilatura", "jupyterlab", "pytest"} & core_names
    assert str(extras["test"][0]) == "slant[html,lab,scale]"  # the tests need every extra


def test_every_declared_range_holds_its_pin():
    core, extras = _declared()
    pins = _pins()
    outside = []
    for requirement in core + [r for reqs in extras.values() for r in reqs]:
        name = canonicalize_name(requirement.name)
        if name == "slant":
            continue
        assert name in pins, f"{requirement.name} is declared but not pinned in requirements.txt"
        if not requirement.specifier.contains(pins[name]):
            outside.append(f"{requirement} (pinned {pins[name]})")
    assert outside == []


def test_a_range_that_misses_its_pin_is_seen():
    """The check above compares versions, not text: 3.1.1 is outside >=3.2 and inside >=3.1,<4."""
    assert not Requirement("pandas>=3.2").specifier.contains("3.1.1")
    assert Requirement("pandas>=3.1,<4").specifier.contains("3.1.1")


# -- the wheel ----------------------------------------------------------------------------------------------

def _copy_sources(target: Path) -> Path:
    """What a source checkout gives pip: the build files, lib/ and notebooks/, without caches or build leftovers."""
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", "*.egg-info", ".ipynb_checkpoints")
    target.mkdir(parents=True)
    for name in ("pyproject.toml", "setup.py", "MANIFEST.in", "README.md"):
        shutil.copy2(ROOT / name, target / name)
    for name in ("lib", "notebooks"):
        shutil.copytree(ROOT / name, target / name, ignore=ignore)
    return target


def _pip(*args: str | Path, python: str | Path = sys.executable) -> None:
    subprocess.run([str(python), "-m", "pip", "--disable-pip-version-check", "--quiet", *map(str, args)],
                   check=True, timeout=300)


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    work = tmp_path_factory.mktemp("wheel")
    source = _copy_sources(work / "src")
    _pip("wheel", "--no-deps", "--wheel-dir", work / "dist", source)
    (built,) = (work / "dist").glob("slant-*.whl")
    return built


def _packaged_files() -> set[str]:
    """Every file that importlib.resources may load: data/, templates/ and the notebook suite, as wheel paths."""
    files = {f"slant/{p.relative_to(PACKAGE).as_posix()}"
             for folder in ("data", "templates") for p in (PACKAGE / folder).rglob("*")
             if p.is_file() and "__pycache__" not in p.parts}
    files |= {f"slant/notebooks/{p.name}" for p in (ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb")}
    return files


@pytest.mark.wheel
def test_the_wheel_holds_every_data_file_and_the_notebooks(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    expected = _packaged_files()
    assert expected - names == set()
    assert N_NOTEBOOKS == 8 and sum(n.startswith("slant/notebooks/") for n in names) == N_NOTEBOOKS
    assert {"slant/data/lexicon/doubt.yaml", "slant/templates/report.html.j2", "slant/templates/site.css",
            "slant/notebooks/00_overview.ipynb"} <= names
    # every module too, and nothing of the checkout's caches
    modules = {f"slant/{p.relative_to(PACKAGE).as_posix()}" for p in PACKAGE.rglob("*.py")}
    assert modules - names == set()
    assert not [n for n in names if "__pycache__" in n or ".ipynb_checkpoints" in n]
    # the packaged notebooks are the repository's, byte for byte (one copy, built from notebooks/)
    with zipfile.ZipFile(wheel) as archive:
        assert archive.read("slant/notebooks/03_attribution.ipynb") == \
            (ROOT / "notebooks" / "03_attribution.ipynb").read_bytes()


def _fresh_environment(tmp_path: Path, wheel: Path) -> Path:
    """A new virtual environment with slant installed from the wheel; its dependencies are this environment's."""
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", venv], check=True, timeout=120)
    python = venv / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    _pip("--python", python, "install", "--no-deps", "--no-index", wheel)
    purelib = subprocess.run([python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                             check=True, capture_output=True, text=True).stdout.strip()
    # after the install, so that pip does not see the checkout's (editable) slant as one to replace
    (Path(purelib) / "checkout_dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    (Path(purelib) / "block_extras.py").write_text(BLOCK_EXTRAS.format(blocked=sorted(EXTRA_MODULES)))
    (Path(purelib) / "block_extras.pth").write_text("import block_extras\n")
    return python.parent


EXTRA_MODULES = {"dask", "distributed", "trafilatura", "jupyterlab"}  # what the extras bring, as modules
BLOCK_EXTRAS = '''"""Test only: the extras' modules cannot be imported, as if slant were installed without extras."""
import importlib.abc
import sys


class BlockExtras(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in {blocked}:
            raise ModuleNotFoundError(f"No module named {{name!r}} (an extra, left out by the test)", name=name)
        return None


sys.meta_path.insert(0, BlockExtras())
'''


@pytest.mark.wheel
@pytest.mark.notebooks
def test_installed_wheel_analyzes_and_reports_outside_the_checkout(wheel, tmp_path):
    bin_dir = _fresh_environment(tmp_path, wheel)
    venv = bin_dir.parent.resolve()
    work = tmp_path / "work"
    shutil.copytree(SEEDS, work / "seeds")
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV", "PYTHONHOME")}
    env.update(PATH=f"{bin_dir}{os.pathsep}{env.get('PATH', '')}", JUPYTER_DATA_DIR=str(tmp_path / "jupyter"),
               MPLBACKEND="Agg")

    def run(*args: str) -> subprocess.CompletedProcess:
        done = subprocess.run([str(a) for a in args], cwd=work, env=env, capture_output=True, text=True, timeout=600)
        assert done.returncode == 0, done.stderr[-3000:]
        return done

    where = run(bin_dir / "python", "-c", "import slant, slant.report as r; print(slant.__file__); "
                "print(r.NOTEBOOKS_DIR); print(len(r.notebook_paths()))").stdout.split()
    assert Path(where[0]).resolve().is_relative_to(venv) and not Path(where[0]).resolve().is_relative_to(ROOT)
    assert Path(where[1]) == Path(where[0]).parent / "notebooks"  # the package's copy, not the checkout's
    assert where[2] == str(N_NOTEBOOKS)
    # the extras are out of reach: analyze and report on .txt seeds need only the core dependencies
    blocked = subprocess.run([bin_dir / "python", "-c", "import dask"], env=env, capture_output=True, text=True)
    assert blocked.returncode == 1 and "left out by the test" in blocked.stderr

    run(bin_dir / "slant", "analyze", "seeds", "--format", "jsonl", "--out", "records.jsonl")
    records = [json.loads(line) for line in (work / "records.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [(r["n_words"], len(r["loaded_terms"]) > 0) for r in records] == [(475, True), (347, True)]
    # the same records as the checkout's slant writes for the same seeds
    from click.testing import CliRunner

    from slant.cli import main
    here = CliRunner().invoke(main, ["analyze", str(work / "seeds"), "--format", "jsonl"])
    assert here.exit_code == 0, here.output
    assert [json.loads(line) for line in here.stdout.splitlines() if line.startswith("{")] == records

    done = run(bin_dir / "slant", "report", "--corpus", "seeds", "--out", "outputs", "-p", "figure_formats", "png")
    (run_dir,) = (work / "outputs").iterdir()
    assert re.search(r"^Report: .*report\.html$", done.stdout, re.M)
    report = (run_dir / "report.html").read_text(encoding="utf-8")
    assert "Outlet 000" in report and "<script" not in report
    executed = sorted((run_dir / "notebooks").glob("*.ipynb"))
    assert [p.name for p in executed] == [p.name for p in sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))]
    for path in executed:
        notebook = json.loads(path.read_text(encoding="utf-8"))
        # papermill's record of what it ran: the installed package's copy, every code cell executed
        input_path = Path(notebook["metadata"]["papermill"]["input_path"]).resolve()
        assert input_path.is_relative_to(venv), input_path
        cells = [c for c in notebook["cells"] if c["cell_type"] == "code"]
        assert all(c.get("execution_count") for c in cells), path.name
        assert not [o for c in cells for o in c.get("outputs", []) if o.get("output_type") == "error"], path.name
    assert {p.name for p in (run_dir / "results").iterdir()} >= {"articles", "terms", "attributions", "sentences"}
    assert list((run_dir / "figures").glob("*.png"))
