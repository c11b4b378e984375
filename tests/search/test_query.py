"""Cleaning user text into a safe FTS5 expression (the one place that does it)."""

from hipref.search.query import parse, tokens


def test_tokens_fold_case_and_diacritics():
    assert tokens("Gül ORSÇELIK") == ("gul", "orscelik")


def test_every_token_quoted_and_last_is_prefix():
    assert parse("gluteus med").match() == '"gluteus" "med"*'


def test_trailing_space_ends_the_word():
    assert parse("gluteus ").match() == '"gluteus"'


def test_operators_and_syntax_become_plain_words():
    assert parse('NEAR(a b) AND "x OR -y^ col:zz').match() == '"near" "a" "b" "and" "x" "or" "y" "col" "zz"*'


def test_scope_prefix():
    query = parse("study: walking")
    assert query.scope.type == "study" and query.tokens == ("walking",)
    assert parse("lig: pubo").scope.kind == "ligament"
    assert parse("nonsense: pubo").tokens == ("nonsense", "pubo")


def test_identifier_scope_searches_identifier_column():
    assert parse("doi:10.1186/s12891").match().startswith("{identifiers} : (")


def test_nothing_searchable():
    for text in ("", "   ", "***", "\x00", "()", None, 42):
        assert parse(text).match() in ("", '"42"*')
