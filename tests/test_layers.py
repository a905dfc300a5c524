"""The pipeline shows in the tree: each layer imports only the layers before it, and the MkDocs
hook only the pages layer."""

from __future__ import annotations

import ast
from pathlib import Path

from conftest import ROOT

ORDER = ["foundation", "data", "pages", "site", "publish", "cli"]


def layer_of(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 2 and parts[1] in ORDER else "foundation"


def imports_of(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return {name for name in found if name == "menasite" or name.startswith("menasite.")}


def module_name(path: Path) -> str:
    return ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")


def test_no_layer_imports_a_later_one():
    wrong = []
    for path in sorted((ROOT / "menasite").rglob("*.py")):
        name = module_name(path)
        if name == "menasite.__main__":
            continue  # python -m menasite: the entry point of the commands
        for imported in imports_of(path):
            if ORDER.index(layer_of(imported)) > ORDER.index(layer_of(name)):
                wrong.append(f"{name} imports {imported}")
    assert wrong == []


def test_no_module_of_menasite_imports_mkdocs():
    for path in (ROOT / "menasite").rglob("*.py"):
        assert "mkdocs" not in {name.split(".")[0] for name in _all_imports(path)}, path


def _all_imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and node.module}
    return names | {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names}


def test_the_hook_uses_the_pages_layer_only():
    imported = imports_of(ROOT / "hooks" / "i18n_pages.py")
    assert sorted(name for name in imported if not name.startswith("menasite.pages.")) == []
