"""Plain text for search snippets, cleaned once at build time."""

from __future__ import annotations

from hipref.content.plaintext import LEAD_CHARS, lead, plain_text


def test_marks_and_list_bullets_go():
    markdown = "## Bottom line\n\n- **Prolotherapy** is an _injection_ `therapy`\n+ one\n1. two.\n\n> quoted"
    assert plain_text(markdown) == "Bottom line: Prolotherapy is an injection therapy; one; two. quoted"


def test_headings_and_wrapped_items_read_apart():
    markdown = "## What the article argues\nThe article argues that\nexercise fails.\n\n- a wrapped\n  item\n- last"
    assert (
        plain_text(markdown) == "What the article argues: The article argues that exercise fails. a wrapped item; last;"
    )


def test_hyphens_inside_words_stay():
    assert plain_text("anti-inflammatory drugs - and more") == "anti-inflammatory drugs - and more"


def test_empty():
    assert plain_text("") == "" and lead("") == ""


def test_lead_is_short_and_cut_at_a_space():
    text = "word " * 100
    short = lead(text)
    assert len(short) <= LEAD_CHARS + 1
    assert short.endswith("word…")


def test_short_lead_is_whole():
    assert lead("The **labrum** seals the joint.") == "The labrum seals the joint."
