"""The glossary (lessons/glossary.md) and the links lessons make to it.

Lesson authors write terms as plain words; `python -m kitbuild.glossary` (run in the kit's folder) links the first
use of each glossary term in each lesson's Markdown to its entry, `glossary.md#slug`. The tests run the same linking
on a copy and fail if it would change anything, so a new lesson or a new term cannot leave a first use unlinked.
"""
import re
import sys
from pathlib import Path

import nbformat

from .paths import GLOSSARY, lesson_paths

ANCHOR = re.compile(r'^<a id="([a-z0-9-]+)"></a>$', re.M)
LINK = re.compile(r"\]\(glossary\.md#([a-z0-9-]+)\)")

# How each term may be written in a lesson (case-insensitive unless the pattern says otherwise).
TERMS = {
    "administer": r"\badminister(s|ed|ing)?\b",
    "annexation": r"\bannex(ation|ed)\b",
    "abm-treaty": r"(?-i:\bABM\b)( Treaty)?|\bAnti-Ballistic Missile Treaty\b",
    "apec": r"(?-i:\bAPEC\b)|\bAsia-Pacific Economic Cooperation\b",
    "arbitral-award": r"\barbitral award\b",
    "armistice": r"\barmistice\b",
    "asean": r"(?-i:\bASEAN\b)|\bAssociation of Southeast Asian Nations\b",
    "arms-control": r"\barms[- ]control\b",
    "asem": r"(?-i:\bASEM\b)|\bAsia-Europe Meeting\b",
    "balancing": r"\bbalancing\b",
    "brp": r"(?-i:\bBRP\b)",
    "ceasefire": r"\bcease-?fire\b",
    "claimant": r"\bclaimants?\b",
    "cold-war": r"(?-i:\bCold War\b)",
    "combat-radius": r"\bcombat radius\b",
    "communique": r"\bcommuniqu[ée]\b",
    "cfe-treaty": r"(?-i:\bCFE\b)( Treaty)?|\bTreaty on Conventional Armed Forces in Europe\b",
    "deterrence": r"\bdeterrence\b",
    "detente": r"\bd[ée]tente\b",
    "edca": r"(?-i:\bEDCA\b)|\bEnhanced Defense Cooperation Agreement\b",
    "exclusive-economic-zone": r"\bexclusive economic zones?\b|(?-i:\bEEZs?\b)",
    "federal-district": r"\bfederal district\b",
    "fiscal-year": r"\bfiscal year\b",
    "great-circle-distance": r"\bgreat-circle distance\b|\bdistance over the Earth's surface\b",
    "hedging": r"\bhedging\b",
    "historic-rights": r"\bhistoric(al)?[-\s]rights?\b",
    "inf-treaty": r"(?-i:\bINF\b)( Treaty)?",
    "joint-declaration": r"\bjoint declaration\b",
    "line-of-control": r"\bline of control\b",
    "lng": r"\bliquefied natural gas\b|(?-i:\bLNG\b)",
    "low-tide-elevation": r"\blow-tide elevations?\b",
    "multipolarity": r"\bmultipolar(ity)?\b",
    "nato": r"(?-i:\bNATO\b)|\bNorth\s+Atlantic\s+Treaty\s+Organi[sz]ation\b",
    "new-start": r"(?-i:\bNew\s+START\b)|\bNew\s+Strategic\s+Arms\s+Reduction\s+Treaty\b",
    "nine-dash-line": r"\bnine-dash line\b",
    "northern-territories": r"\bNorthern Territories\b",
    "nuclear-capable": r"\bnuclear-capable\b",
    "peace-treaty": r"\bpeace treaty\b",
    "percentage-point": r"\bpercentage points?\b",
    "open-skies-treaty": r"(?-i:\bOpen Skies\b)( Treaty)?",
    "plutonium-disposition": r"\bplutonium disposition\b",
    "ratification": r"\bratif(y|ied|ies|ication)\b",
    "rebalance-to-asia": r"\bre-?balance to (Asia|the region)\b",
    "reported-range": r"\breported range\b",
    "rock-and-island": r"\bArticle\s+121\b|\brocks?\b",
    "sanctions": r"\bsanctions\b",
    "scramble": r"\bscrambl(e|es|ed)\b",
    "sovereign-rights": r"\bsovereign\s+rights\b",
    "sovereignty": r"\bsovereignty\b",
    "state-of-war": r"\bstate of war\b",
    "strategic-bomber": r"\bstrategic bombers?\b",
    "strategic-partnership": r"\bstrategic partnerships?\b",
    # Treaty senses only ("suspended or left", "withdrew from the ... Treaty"), not "Washington suspended the talks".
    "suspension-withdrawal-denunciation": (
        r"\bsuspended(?=\*{0,2},?\s+(or|and)\s)|\bdenunciation\b"
        r"|\b(suspension|withdrawal)\s+(of|from)\s+(the|a|an)\s+[\w\s-]{0,40}?(treaty|agreement)\b"
        r"|\b(withdr[ae]w|denounc(e|ed|es|ing))\s+(from\s+)?(the|a|an)\s+[\w\s-]{0,40}?(treaty|agreement)\b"),
    "unclos": r"(?-i:\bUNCLOS\b)",
    "west-philippine-sea": r"\bWest\s+Philippine\s+Sea\b",
}

# Learner-visible Markdown only: instructor notes are for teachers, solutions repeat the lesson's words.
SKIPPED_TAGS = {"instructor", "solution"}
# Text a link must not be put in: headings, quotations of the article, code, existing links, HTML tags, alt text.
PROTECTED = re.compile(r"^#[^\n]*|^>[^\n]*|```.*?```|`[^`\n]*`|\[[^\]]*\]\([^)]*\)|<[^>]+>"
                       r"|\*For a screen reader:\*[^\n]*", re.M | re.S)


def glossary_slugs(path: Path = GLOSSARY) -> list[str]:
    """The anchors of the glossary's entries, in the order they appear."""
    return ANCHOR.findall(path.read_text(encoding="utf-8"))


def _open_spans(text: str) -> list[tuple[int, int]]:
    """The stretches of `text` where a link may go (everything outside PROTECTED)."""
    spans, start = [], 0
    for match in PROTECTED.finditer(text):
        spans.append((start, match.start()))
        start = match.end()
    return [*spans, (start, len(text))]


def _first_use(text: str, pattern: str) -> re.Match | None:
    for start, end in _open_spans(text):
        match = re.compile(pattern, re.I).search(text, start, end)
        if match:
            return match
    return None


def linked_slugs(notebook: nbformat.NotebookNode) -> set[str]:
    return {slug for cell in notebook.cells if cell.cell_type == "markdown" for slug in LINK.findall(cell.source)}


def link_first_uses(notebook: nbformat.NotebookNode, slugs: list[str]) -> nbformat.NotebookNode:
    """Link the first learner-visible use of each glossary term that the notebook does not link yet."""
    done = linked_slugs(notebook)
    for slug in slugs:
        if slug in done or slug not in TERMS:
            continue
        for cell in notebook.cells:
            if cell.cell_type != "markdown" or SKIPPED_TAGS & set(cell.metadata.get("tags", [])):
                continue
            match = _first_use(cell.source, TERMS[slug])
            if match:
                cell.source = (f"{cell.source[:match.start()]}[{match.group(0)}](glossary.md#{slug})"
                               f"{cell.source[match.end():]}")
                break
    return notebook


def unlinked_first_uses(notebook: nbformat.NotebookNode) -> list[str]:
    """Terms the notebook links, but not at their first learner-visible use: the use before the link, quoted."""
    problems = []
    for slug in sorted(linked_slugs(notebook) & set(TERMS)):
        for cell in notebook.cells:
            if cell.cell_type != "markdown" or SKIPPED_TAGS & set(cell.metadata.get("tags", [])):
                continue
            link = re.search(rf"\]\(glossary\.md#{slug}\)", cell.source)
            use = _first_use(cell.source, TERMS[slug])
            if use and (link is None or use.start() < link.start()):
                problems.append(f"{slug}: {use.group(0)!r} comes before the link")
            if link or use:
                break
    return problems


def main(names: list[str]) -> None:
    """Link the glossary terms in the lessons named (paths to notebooks), or in every lesson."""
    slugs = glossary_slugs()
    for path in names or lesson_paths():
        notebook = nbformat.read(path, as_version=4)
        before = nbformat.writes(notebook)
        if nbformat.writes(link_first_uses(notebook, slugs)) != before:
            nbformat.write(notebook, path)
            print(f"linked glossary terms in {path}")


if __name__ == "__main__":
    main(sys.argv[1:])
