from hipref.content.verbatim import missing_paragraphs, normalise

SOURCE = """Heading

Doctors at the University of Copenhagen published a study.

  • physiotherapist-supervised strength training,
  • or unsupervised home-based exercise

The “results” were surprising.
"""


def test_markdown_structure_is_allowed():
    body = (
        "Doctors at the University of **Copenhagen** published a study.\n\n"
        "- physiotherapist-supervised strength training,\n- or unsupervised home-based exercise"
    )
    assert missing_paragraphs(body, SOURCE) == []


def test_changed_word_is_caught():
    assert missing_paragraphs("Doctors at the University of Oslo published a study.", SOURCE)


def test_order_matters():
    body = "The “results” were surprising.\n\nDoctors at the University of Copenhagen published a study."
    assert len(missing_paragraphs(body, SOURCE)) == 1


def test_curly_quotes_are_not_folded():
    assert missing_paragraphs('The "results" were surprising.', SOURCE)


def test_normalise_strips_bullets_and_space():
    assert normalise("  • one\n  - two *three*") == "one two three"
