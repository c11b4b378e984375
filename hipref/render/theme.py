"""Every colour hipref writes into a page: the reader's light and dark themes, and the white
paper that presentation mode and handouts keep even in dark mode."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Theme:
    """The colours of a rendered page; the window picks LIGHT or DARK from the system palette."""

    # text
    text: str
    muted: str
    link: str
    rule: str
    # the boxes that set parts of a page apart
    bottom_line: str
    plain: str
    reports: str
    article_use: str
    differs: str
    # badges, and the marks on searched words
    badge: str
    badge_text: str
    hit_back: str
    hit_text: str

    @property
    def hit(self) -> str:
        """The style of a searched word marked in a page."""
        return f"background-color:{self.hit_back};color:{self.hit_text}"


LIGHT = Theme(
    text="#1f2933", muted="#52606d", link="#1c5fb4", rule="#cbd2d9",
    bottom_line="#e6f0fa", plain="#eaf6ec", reports="#f1f3f5", article_use="#fdf3e1", differs="#fdecea",
    badge="#dde7f3", badge_text="#17324d", hit_back="#ffe066", hit_text="#000000",
)  # fmt: skip
DARK = Theme(
    text="#e4e7eb", muted="#9aa5b1", link="#8ab4f8", rule="#3e4c59",
    bottom_line="#1d3550", plain="#1f3a2a", reports="#2a2e33", article_use="#43361c", differs="#4a2326",
    badge="#2c3e55", badge_text="#dbe8f7", hit_back="#8a6d00", hit_text="#ffffff",
)  # fmt: skip
PAPER = "#ffffff"
