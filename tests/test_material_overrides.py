"""The templates overridden from Material are copies or extensions of Material's own: when an
upgrade of Material changes one of those originals, this test fails so that someone compares
the override with the new original before the upgrade lands."""

from __future__ import annotations

import hashlib
from pathlib import Path

import material
from conftest import ROOT

MATERIAL_TEMPLATES = Path(material.__file__).parent / "templates"

# Material's file -> the first 16 hex digits of its SHA-256 in the version the overrides were
# made from (mkdocs-material 9.8.1). base.html is the site's own frame in its place (overrides/base.html).
REVIEWED_AGAINST = {
    "base.html": "8536d352b0093623",
    "main.html": "9948b55a7bc979c3",
    "404.html": "80c93494b5432b1b",
    "partials/header.html": "8cf3fb15bcf969ff",
    "partials/alternate.html": "572b1d4dae611aa5",
    "partials/content.html": "ce33929c85af129f",
    "partials/footer.html": "50c2a75f013b7b03",
    "partials/logo.html": "e0925ef6c190174a",
}


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()[:16]


def overridden_material_templates() -> set[str]:
    overrides = ROOT / "overrides"
    return {
        path.relative_to(overrides).as_posix()
        for path in overrides.rglob("*")
        if path.is_file() and (MATERIAL_TEMPLATES / path.relative_to(overrides)).is_file()
    }


def test_every_override_of_a_material_template_is_recorded():
    assert sorted(overridden_material_templates() - set(REVIEWED_AGAINST)) == []


def test_material_has_not_changed_an_overridden_template():
    changed = [
        f"{name}: Material's copy is now {digest(MATERIAL_TEMPLATES / name)}; compare it with overrides/{name}, "
        "then record the new digest here"
        for name, reviewed in sorted(REVIEWED_AGAINST.items())
        if digest(MATERIAL_TEMPLATES / name) != reviewed
    ]
    assert changed == []
