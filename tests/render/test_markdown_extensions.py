"""The Markdown extensions, tested with plain markdown() calls."""

import markdown

from hipref.render.highlight import HighlightExtension
from hipref.render.safe_markdown import SafeMarkdownExtension, safe_href


def render(text: str, *extensions) -> str:
    return markdown.markdown(text, extensions=list(extensions))


def test_highlight_marks_word_starts_in_text_tails_and_lists():
    html = render("Nordic walking and **walking**, walked. Talkwalk.\n\n- walk one", HighlightExtension(("walk",)))
    assert html.count('class="hit"') == 4
    assert "Talkwalk" in html and ">Talkwalk<" not in html


def test_highlight_folds_case_and_diacritics():
    html = render("Gül and GUL", HighlightExtension(("gul",)))
    assert html.count('class="hit"') == 2


def test_raw_html_is_escaped():
    html = render("<script>alert(1)</script>\n\n<b onclick=x>bold</b>", SafeMarkdownExtension())
    assert "<script>" not in html and "&lt;script&gt;" in html and "<b " not in html


def test_links_and_images_are_filtered():
    html = render(
        "[a](javascript:alert(1)) [b](file:///etc/passwd) [c](structure/piriformis) "
        "[d](https://doi.org/10.1/x) ![e](http://example.com/x.png)",
        SafeMarkdownExtension(),
    )
    assert "javascript:" not in html and "file:" not in html and "<img" not in html
    assert 'href="hipref:structure/piriformis"' in html and 'href="https://doi.org/10.1/x"' in html
    assert "[image: e]" in html


def test_safe_href():
    assert safe_href("condition/hip-osteoarthritis") == "hipref:condition/hip-osteoarthritis"
    assert safe_href("data:text/html,x") is None
    assert safe_href("HTTPS://example.org/a b") is None
