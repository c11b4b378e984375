"""The shipped diagrams: every structure and injection site is drawn, and only those."""

from __future__ import annotations

from PySide6.QtSvg import QSvgRenderer

from hipref import paths
from hipref.content.diagrams import load_diagrams


def test_every_structure_and_site_is_drawn_and_every_drawing_is_an_entry(opened):
    diagrams, problems = load_diagrams(paths.resources_dir())
    assert problems == [] and {d.name for d in diagrams} >= {"anterior", "posterior", "lateral"}
    drawn = {slug for d in diagrams for slug in d.slugs}
    entries = {e.slug for t in ("structure", "site") for e in opened.list_entries(t)}
    assert drawn == entries
    for diagram in diagrams:
        renderer = QSvgRenderer(str(diagram.path))
        assert renderer.isValid()
        for slug in diagram.slugs:
            assert renderer.elementExists(slug) and renderer.elementExists(f"label-{slug}"), (diagram.name, slug)
