"""Every party's view in the data: statements on disputed events and standing positions, and sources that hold up."""
import re

import pandas as pd
import pytest

from lessonkit.data import load_table
from lessonkit.statements import side_by_side, statements_about
from lessonkit.style import COUNTRY_NAMES
from lessonkit.timelines import events_with_sources

STATEMENTS = load_table("statements")
EVENTS = load_table("events").set_index("id")
SOURCES = load_table("sources").set_index("id")
# Every government in the kit states its standing positions in its own words, from its own official voice.
GOVERNMENTS = ["JPN", "RUS", "USA", "CHN", "TWN", "VNM", "PHL", "KOR", "PRK", "UKR", "NATO", "ASEAN"]
OWN_VOICE = {"official", "news-agency"}


def test_every_source_says_what_kind_it_is_and_none_is_of_the_weakest_kind():
    assert SOURCES["kind"].notna().all(), list(SOURCES.index[SOURCES["kind"].isna()])
    weak = SOURCES.index[SOURCES["kind"] == "weak"]
    assert weak.empty, f"replace these with the original or a better source: {list(weak)}"


def test_a_reprint_names_the_agency_it_reprints():
    reprints = SOURCES[SOURCES["kind"] == "reprint"]
    agencies = re.compile(r"\b(Reuters|AP|Associated Press|AFP|UPI|TASS|Xinhua|Kyodo|Yonhap|Jiji|Bloomberg|RIA|"
                          r"Interfax|"
                          r"VNA|Vietnam News Agency|PNA|Sputnik|IANS|SANA|Bernama|Antara|dpa|KCNA)\b"
                          r"|reprint of an? (government|office|ministry)", re.I)
    unnamed = [source for source, row in reprints.iterrows() if not agencies.search(f"{row.title} {row.publisher}")]
    assert not unnamed, unnamed


def test_a_statement_is_about_one_event_or_one_topic():
    both_or_neither = STATEMENTS["event_id"].notna() == STATEMENTS["topic"].notna()
    assert not both_or_neither.any(), list(STATEMENTS.loc[both_or_neither, "id"])


def test_every_speaker_has_a_display_name():
    assert set(STATEMENTS["actor"]) <= set(COUNTRY_NAMES)


def test_a_quote_is_at_most_one_short_sentence():
    for row in STATEMENTS.dropna(subset=["quote"]).itertuples():
        assert len(row.quote) <= 250, row.id
        assert len(re.findall(r"[.!?](\s|$)", row.quote.strip())) <= 1, row.id


def test_a_statement_about_an_event_is_made_by_one_of_its_actors_or_an_international_body():
    for row in STATEMENTS.dropna(subset=["event_id"]).itertuples():
        actors = EVENTS.at[row.event_id, "actors"].split(";")
        assert row.actor in actors or len(row.actor) > 3 or row.actor == "UN", (row.id, row.actor, actors)


def gaps(event_id: str) -> set[str]:
    text = EVENTS.at[event_id, "statement_gaps"] or ""
    return {part.split(":")[0].strip() for part in text.split(";") if ":" in part}


def test_every_disputed_event_has_each_partys_statement_or_says_why_not():
    disputed = EVENTS.index[EVENTS["disputed"] == True]  # noqa: E712 (a column of booleans)
    assert len(disputed) >= 20
    for event_id in disputed:
        spoken = set(STATEMENTS.loc[STATEMENTS["event_id"] == event_id, "actor"])
        missing = set(EVENTS.at[event_id, "actors"].split(";")) - spoken - gaps(event_id)
        assert not missing, f"{event_id}: no statement and no reason for {sorted(missing)}"


def test_only_disputed_events_list_gaps():
    listed = EVENTS.index[EVENTS["statement_gaps"].notna()]
    assert EVENTS.loc[listed, "disputed"].all()


def own_voice(source_id: str, government: str) -> bool:
    """The government's own site or state agency; for North Korea, whose agency KCNA is not reachable from the kit's
    sources, KCNA's text as a wire service carried it."""
    source = SOURCES.loc[source_id]
    if government == "PRK" and source.kind == "reprint":
        return "KCNA" in f"{source.title} {source.publisher}"
    return source.kind in OWN_VOICE


@pytest.mark.parametrize("government", GOVERNMENTS)
def test_every_government_states_a_standing_position_in_its_own_voice(government):
    own = STATEMENTS[(STATEMENTS["actor"] == government) & STATEMENTS["topic"].notna()]
    assert not own.empty, f"no standing position for {government}"
    assert any(own_voice(source_id, government) for source_id in own["source_id"]), (
        f"{government}'s standing positions cite only {set(SOURCES.loc[own['source_id'], 'kind'])}")


def test_standing_positions_come_from_the_governments_own_sources():
    standing = STATEMENTS[STATEMENTS["topic"].notna()]
    outside = [row.id for row in standing.itertuples() if not own_voice(row.source_id, row.actor)]
    assert len(outside) <= len(standing) // 5, f"most standing positions cite the government itself: {outside}"


def test_side_by_side_shows_every_party_with_its_source():
    table = side_by_side("kurils-sovereignty")
    assert {"JPN", "RUS", "USA"} <= set(table.statements["actor"])
    html = table._repr_html_()
    assert html.count("Source:") == len(table.statements) and "<script" not in html
    assert "Japan" in repr(table) and "Russia" in repr(table)


def test_side_by_side_escapes_what_it_shows():
    table = side_by_side("kurils-sovereignty")
    table.statements = table.statements.assign(summary="<script>alert(1)</script>")
    assert "<script>" not in table._repr_html_()


def test_an_unknown_event_or_topic_is_named_with_the_ones_that_exist():
    with pytest.raises(KeyError, match="kurils-sovereignty"):
        statements_about("atlantis")


def test_the_timeline_hover_points_disputed_events_to_the_statements():
    events = events_with_sources("kurils")
    disputed = events[events["disputed"] == True]  # noqa: E712
    assert not disputed.empty and (disputed["statements"] == "disputed: see statements").all()
    assert (events.loc[events["disputed"] != True, "statements"] == "").all()  # noqa: E712


def test_statements_are_dated_within_the_kits_span():
    assert STATEMENTS["date"].between(pd.Timestamp("1945-01-01"), pd.Timestamp("2025-12-31")).all()


def test_side_by_side_can_show_a_few_parties_at_a_time_and_names_a_missing_one():
    shown = side_by_side("crimea-status", actors=["UKR", "RUS"])
    assert set(shown.statements["actor"]) == {"UKR", "RUS"}
    with pytest.raises(KeyError, match="by FRA"):
        side_by_side("crimea-status", actors=["UKR", "FRA"])


def test_parties_come_in_the_order_asked_for_and_a_folded_panel_opens_by_choice():
    from lessonkit.statements import side_by_side
    panel = side_by_side("south-china-sea-arbitration", actors=["USA", "CHN"], folded=True)
    assert list(dict.fromkeys(panel.statements["actor"])) == ["USA", "CHN"]
    html = panel._repr_html_()
    assert html.startswith("<details><summary>Further reading") and html.endswith("</details>")
    assert not side_by_side("south-china-sea-arbitration")._repr_html_().startswith("<details>")
