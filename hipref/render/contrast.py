"""Text contrast as WCAG 2 defines it, for colours written as ``#rrggbb``.

The window checks its own colour choices with it (muted text must stay readable on the
palette it is drawn on), and the tests check every pair of page colours in both themes.
"""

from __future__ import annotations

AA_NORMAL_TEXT = 4.5


def _channel(value: int) -> float:
    c = value / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def relative_luminance(colour: str) -> float:
    value = colour.lstrip("#")
    r, g, b = (int(value[i : i + 2], 16) for i in (0, 2, 4))
    return 0.2126 * _channel(r) + 0.7152 * _channel(g) + 0.0722 * _channel(b)


def contrast_ratio(foreground: str, background: str) -> float:
    """From 1 (the same) to 21 (black on white)."""
    lighter, darker = sorted((relative_luminance(foreground), relative_luminance(background)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def blend(foreground: str, background: str, amount: float) -> str:
    """``amount`` of ``foreground`` over ``background`` (0 gives the background)."""
    fore, back = foreground.lstrip("#"), background.lstrip("#")
    mixed = (round(int(fore[i : i + 2], 16) * amount + int(back[i : i + 2], 16) * (1 - amount)) for i in (0, 2, 4))
    return "#" + "".join(f"{c:02x}" for c in mixed)


def readable_muted(text: str, background: str, minimum: float = AA_NORMAL_TEXT) -> str:
    """A softer shade of ``text`` on ``background`` that still reads at ``minimum`` contrast."""
    for amount in (0.62, 0.7, 0.78, 0.86, 0.94):
        muted = blend(text, background, amount)
        if contrast_ratio(muted, background) >= minimum + 0.1:
            return muted
    return text
