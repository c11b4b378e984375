"""The real study cards as the window hands them to the citation code."""

from __future__ import annotations

from hipref import paths
from hipref.content.loader import load_content


def load_cards() -> list[dict]:
    """Each study card's fields plus its display title, read by the project's own loader."""
    records, _ = load_content(paths.content_dir())
    return [{**record.fields, "title": record.title} for record in records if record.type == "study"]
