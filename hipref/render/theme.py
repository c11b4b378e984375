"""Colours for rendered pages, chosen by the window from the system palette."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Theme:
    text: str = "#1f2933"
    muted: str = "#52606d"
    link: str = "#1c5fb4"
    bottom_line: str = "#e6f0fa"
    plain: str = "#eaf6ec"
    reports: str = "#f1f3f5"
    article_use: str = "#fdf3e1"
    differs: str = "#fdecea"
    badge: str = "#dde7f3"
    badge_text: str = "#17324d"
    hit: str = "background-color:#ffe066;color:#000000"
    rule: str = "#cbd2d9"


LIGHT = Theme()
DARK = Theme(
    text="#e4e7eb",
    muted="#9aa5b1",
    link="#8ab4f8",
    bottom_line="#1d3550",
    plain="#1f3a2a",
    reports="#2a2e33",
    article_use="#43361c",
    differs="#4a2326",
    badge="#2c3e55",
    badge_text="#dbe8f7",
    hit="background-color:#8a6d00;color:#ffffff",
    rule="#3e4c59",
)
