"""Modules talk through public names: no module imports another module's underscore names."""

from __future__ import annotations

import ast
from pathlib import Path

import slant

PACKAGE = Path(slant.__file__).parent


def _private_imports(path: Path, root: Path = PACKAGE) -> list[str]:
    """`from X import _name` (and `module._name` through an imported slant module) in one file."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found, modules = [], set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (node.level or (node.module or "").startswith("slant")):
            for alias in node.names:
                modules.add(alias.asname or alias.name)
                if alias.name.startswith("_") and not alias.name.startswith("__"):
                    found.append(f"{path.relative_to(root)}:{node.lineno}: from {'.' * node.level}"
                                 f"{node.module or ''} import {alias.name}")
    for node in ast.walk(tree):
        if (isinstance(node, ast.Attribute) and node.attr.startswith("_") and not node.attr.startswith("__")
                and isinstance(node.value, ast.Name) and node.value.id in modules):
            found.append(f"{path.relative_to(root)}:{node.lineno}: {node.value.id}.{node.attr}")
    return found


def test_the_checker_finds_both_forms(tmp_path):
    probe = tmp_path / "probe.py"
    probe.write_text("from .files import _atoms\nfrom . import segment\nsegment._word_lists()\n"
                     "from .x import public\nfrom os import _exit\nclass A:\n    def f(self):\n        self._x = 1\n",
                     encoding="utf-8")
    assert _private_imports(probe, tmp_path) == ["probe.py:1: from .files import _atoms",
                                                 "probe.py:3: segment._word_lists"]


def test_no_module_imports_another_modules_private_names():
    found = [line for path in sorted(PACKAGE.rglob("*.py")) for line in _private_imports(path)]
    assert found == []
