"""The glossary: every entry defined and sourced, in order; every lesson links a term where it first uses it, to an
entry that exists; and the pages learners open carry the links that work there."""
import re

import nbformat
import pytest

from kitbuild import export, prepare
from kitbuild.glossary import (
    GLOSSARY,
    SKIPPED_TAGS,
    TERMS,
    glossary_slugs,
    link_first_uses,
    linked_slugs,
    unlinked_first_uses,
)
from lessonkit.paths import lesson_paths
from tests.conftest import read

LESSON_PATHS = lesson_paths()
TEXT = GLOSSARY.read_text(encoding="utf-8")
ENTRIES = re.split(r'(?=^<a id=")', TEXT, flags=re.M)[1:]
# Acronyms a lesson may use without a glossary entry: names, not terms of art, that the lesson spells out or that
# need no explaining where they stand. Any other acronym a learner reads needs an entry (and a pattern in TERMS).
NAMES = {
    "JPN",  # lesson 09's code for Japan's role, explained where the learner sets it
    "NBC",  # a US broadcaster, named as the source of a quotation
    "PRC",  # the People's Republic of China, in "Chinese (the PRC's)" names
    "TASS",  # Russia's state news agency, named as a source
    "USSR",  # the Soviet Union
}
# Three or more capitals, with a plural s; Roman numerals (Annex VII, volume XXIII) are not acronyms.
ACRONYM = re.compile(r"\b(?![IVXLCDM]+s?\b)([A-Z]{3,})s?\b")
# Where an acronym needs no entry (the module's PROTECTED, less headings and screen-reader text, which learners read):
# code, links, quotations and HTML tags.
NOT_PROSE = re.compile(r"```.*?```|`[^`\n]*`|\[[^\]]*\]\([^)]*\)|^>[^\n]*|<[^>]+>", re.M | re.S)


def test_every_entry_has_a_heading_a_short_definition_and_a_source():
    assert len(ENTRIES) >= 30
    for entry in ENTRIES:
        slug = re.match(r'<a id="([a-z0-9-]+)"></a>', entry).group(1)
        heading = re.search(r"^### (.+)$", entry, re.M)
        assert heading, f"{slug}: no heading"
        body = entry[heading.end():].split("*Source:*")[0].strip()
        assert 5 <= len(body.split()) <= 70, f"{slug}: a definition of one or two sentences"
        assert re.search(r"\*Source:\* \[[^\]]+\]\(https://[^)\s]+\) \([^)]+\)", entry), f"{slug}: no source"


def test_entries_are_in_alphabetical_order_and_each_slug_is_unique():
    headings = [re.search(r"^### (.+)$", entry, re.M).group(1) for entry in ENTRIES]
    assert headings == sorted(headings, key=str.casefold)
    assert len(set(glossary_slugs())) == len(glossary_slugs())


def test_every_term_the_linker_knows_has_an_entry_and_every_entry_a_pattern():
    assert set(TERMS) == set(glossary_slugs())


@pytest.mark.parametrize("path", LESSON_PATHS, ids=lambda p: p.name)
def test_every_glossary_link_in_a_lesson_leads_to_an_entry(path):
    missing = linked_slugs(read(path)) - set(glossary_slugs())
    assert not missing, f"{path.name} links terms the glossary lacks: {sorted(missing)}"


@pytest.mark.parametrize("path", LESSON_PATHS, ids=lambda p: p.name)
def test_each_term_a_lesson_uses_is_linked_where_it_is_first_used(path):
    notebook = read(path)
    before = nbformat.writes(notebook)
    after = nbformat.writes(link_first_uses(nbformat.reads(before, as_version=4), glossary_slugs()))
    assert after == before, f"unlinked first uses in {path.name}: run `python -m kitbuild.glossary` in the kit's folder"
    assert not unlinked_first_uses(notebook), unlinked_first_uses(notebook)


def unexplained_acronyms(text: str) -> list[str]:
    """The acronyms in `text`, outside code, links and quotations, that no glossary term covers and NAMES lacks."""
    hidden = [match.span() for match in NOT_PROSE.finditer(text)]
    terms = [match.span() for pattern in TERMS.values() for match in re.finditer(pattern, text, re.I)]
    return [match.group(1) for match in ACRONYM.finditer(text)
            if match.group(1) not in NAMES
            and not any(start <= match.start() and match.end() <= end for start, end in hidden + terms)]


@pytest.mark.parametrize("path", LESSON_PATHS, ids=lambda p: p.name)
def test_every_acronym_a_lesson_uses_has_an_entry_or_is_a_name(path):
    found = {}
    for index, cell in enumerate(read(path).cells):
        if cell.cell_type == "markdown" and not SKIPPED_TAGS & set(cell.metadata.get("tags", [])):
            for acronym in unexplained_acronyms(cell.source):
                found.setdefault(acronym, index)
    assert not found, (f"{path.name} uses acronyms with no glossary entry (first cell): {found}; add an entry and a "
                       "pattern in kitbuild/glossary.py's TERMS, or, for a name, add it to NAMES with the reason")


def test_the_acronym_check_skips_names_terms_code_links_quotations_and_numerals():
    text = ("NATO met; the BRP ship; New START and its ABMs; the USSR; Annex VII; `XYZ` here;\n"
            "[QRS report](https://example.org); <abbr title=\"TUV\">x</abbr>\n> a quoted WXY\nthe START treaty")
    assert unexplained_acronyms(text) == ["ABM", "START"]


def test_the_linker_links_the_first_use_outside_quotes_headings_and_code():
    notebook = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_markdown_cell("# The line of control\n\n> a line of control, quoted\n\n`line of control`"),
        nbformat.v4.new_markdown_cell("Here the line of control is drawn; the line of control again."),
    ])
    linked = link_first_uses(notebook, ["line-of-control"])
    assert linked.cells[0].source.count("glossary.md") == 0
    assert linked.cells[1].source == ("Here the [line of control](glossary.md#line-of-control) is drawn; the line of "
                                      "control again.")
    assert not unlinked_first_uses(linked)


def test_a_link_after_an_unlinked_use_is_reported():
    notebook = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_markdown_cell("A peace treaty was never signed."),
        nbformat.v4.new_markdown_cell("The [peace treaty](glossary.md#peace-treaty) is missing."),
    ])
    assert unlinked_first_uses(notebook) == ["peace-treaty: 'peace treaty' comes before the link"]


def test_every_version_and_the_exported_pages_carry_the_glossary(tmp_path):
    page = export.export_html(GLOSSARY, tmp_path / "glossary.html", run=export.page_notebook)
    html = page.read_text(encoding="utf-8")
    assert all(f'id="{slug}"' in html for slug in glossary_slugs())
    lesson = prepare.prepare(read(LESSON_PATHS[1]), "page")
    sources = "\n".join(cell.source for cell in lesson.cells if cell.cell_type == "markdown")
    assert "glossary.md#" not in sources and "](glossary.html#" in sources
    deck = prepare.prepare(read(LESSON_PATHS[1]), "slides")
    assert not any("glossary" in cell.source for cell in deck.cells if cell.cell_type == "markdown")
