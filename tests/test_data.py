"""The data package: valid by Frictionless, sourced, in range, and refusing broken copies with a clear message."""
import csv
import json
import os
import re
from pathlib import Path

import pandas as pd
import pytest
from frictionless import Package

from lessonkit.data import DataFileError, load_geojson, load_table, read_package
from tests.conftest import DATA

TABLES = [r["name"] for r in read_package()["resources"] if r["format"] == "csv"]
LAYERS = [r["name"] for r in read_package()["resources"] if r["format"] == "geojson"]


def test_frictionless_validates_the_whole_package():
    report = Package(str(DATA / "datapackage.json")).validate()
    assert report.valid, report.flatten(["resourceName", "rowNumber", "fieldName", "message"])


@pytest.mark.parametrize("name", TABLES)
def test_every_table_loads_with_its_types(name):
    table = load_table(name)
    assert len(table) > 0
    assert table["id"].is_unique


def test_dates_are_datetimes_and_in_range():
    events = load_table("events")
    assert pd.api.types.is_datetime64_any_dtype(events["date"])
    assert events["date"].min() >= pd.Timestamp("1855-01-01")
    assert events["date"].max() <= pd.Timestamp("2025-12-31")


def test_dates_match_their_precision():
    events = load_table("events")
    by_month = events[events["date_precision"] == "month"]
    by_year = events[events["date_precision"] == "year"]
    assert (by_month["date"].dt.day == 1).all(), by_month.loc[by_month["date"].dt.day != 1, "id"].tolist()
    assert ((by_year["date"].dt.day == 1) & (by_year["date"].dt.month == 1)).all()


def test_event_ids_start_with_their_year():
    events = load_table("events")
    mismatched = events[events["id"].str[:4].astype(int) != events["date"].dt.year]
    assert mismatched.empty, mismatched["id"].tolist()


def test_kurils_timeline_spans_1855_to_2025_with_at_least_30_events():
    events = load_table("events").query("theme == 'kurils'")
    assert len(events) >= 30
    assert events["date"].min().year == 1855 and events["date"].max().year == 2025


def test_every_theme_of_the_article_has_its_events():
    events = load_table("events")
    assert len(events) >= 120
    counts = events["theme"].value_counts()
    assert (counts >= 15).all(), counts.to_dict()
    assert events.query("theme == 'after-2016'")["date"].dt.year.max() == 2025


NOTE_TABLES = ["events", "figures", "places", "voices"]
# Words that speak to the kit's authors rather than to a reader; notes say what a fact rests on, not who asked for it.
WORDS_FOR_AUTHORS = r"\bbrief\b|CORRECTION|CONFLICT|[Mm]y (?:calculation|sum)|[Vv]erified, no conflict|\bper spec\b"


@pytest.mark.parametrize("name", NOTE_TABLES)
def test_notes_speak_to_readers_not_to_the_kits_authors(name):
    table = load_table(name)
    flagged = table[table["note"].fillna("").str.contains(WORDS_FOR_AUTHORS, regex=True)]
    assert flagged.empty, flagged[["id", "note"]].to_dict("records")


def test_the_author_word_check_catches_what_it_is_meant_to():
    notes = pd.Series(["CONFLICT: brief expected 5,036", "about 9.3% (my calculation)", "Verified, no conflict: 3.7 km",
                       "The figures conflict: 943 or 944", "the brief placed it in the Black Sea",
                       "Sources differ: 5,003 vs 5,036"])
    assert notes.str.contains(WORDS_FOR_AUTHORS, regex=True).tolist() == [True, True, True, False, True, False]


def test_declarations_are_kept_apart_from_ratified_treaties():
    events = load_table("events").set_index("id")
    for declaration in ["1991-gorbachev-kaifu-joint-communique", "1993-tokyo-declaration", "2001-irkutsk-statement"]:
        assert events.at[declaration, "category"] == "declaration", declaration
    # Ratified by both sides and registered with the UN: a treaty in all but name.
    assert events.at["1956-soviet-japanese-joint-declaration", "category"] == "treaty"
    assert "ratif" in events.at["1956-soviet-japanese-joint-declaration", "note"]


def test_the_joint_declaration_is_signed_before_it_enters_into_force():
    events = load_table("events").set_index("id")
    signed = events.loc["1956-soviet-japanese-joint-declaration"]
    in_force = events.loc["1956-joint-declaration-enters-into-force"]
    assert in_force["category"] == "treaty" and signed["date"] < in_force["date"]
    assert "Joint Declaration" in signed["title"] and "Joint Declaration" in in_force["title"]


def test_the_armistice_lists_who_signed_it_and_not_south_korea():
    actors = load_table("events").set_index("id").at["1953-korean-armistice-agreement", "actors"].split(";")
    assert {"USA", "PRK", "CHN"} <= set(actors) and "KOR" not in actors


def test_occupation_of_the_four_islands_runs_around_the_surrender():
    events = load_table("events").set_index("id")["date"]
    etorofu, kunashiri = events["1945-soviet-landing-on-etorofu"], events["1945-soviet-landings-kunashiri-shikotan"]
    surrender, habomai = events["1945-japan-signs-instrument-of-surrender"], events["1945-soviet-occupation-of-habomai"]
    assert etorofu < kunashiri < surrender < habomai


def test_at_least_sixty_places_including_the_articles_bases():
    places = load_table("places").set_index("id")
    assert len(places) >= 60
    for base in ["cam-ranh-bay", "vladivostok", "petropavlovsk-kamchatsky", "yuzhno-sakhalinsk", "andersen-afb",
                 "yokosuka", "kadena", "subic-bay", "sevastopol", "kaliningrad", "baltiysk", "tartus", "hmeimim"]:
        assert base in places.index, base


def test_every_place_lies_inside_its_region():
    places = load_table("places").merge(load_table("regions"), left_on="region", right_on="id", suffixes=("", "_r"))
    crosses_180 = places["min_lon"] > places["max_lon"]  # a box over the date line, such as the Pacific's
    inside_lon = places["lon"].between(places["min_lon"], places["max_lon"]) | (
        crosses_180 & ((places["lon"] >= places["min_lon"]) | (places["lon"] <= places["max_lon"])))
    outside = places[~places["lat"].between(places["min_lat"], places["max_lat"]) | ~inside_lon]
    assert outside.empty, outside[["id", "lat", "lon", "region"]].to_dict("records")


def test_every_source_is_an_https_address():
    sources = load_table("sources")
    assert sources["url"].str.match(r"https://[^\s/]+\.[^\s/]+/?").all()


LANGUAGE_OF = {"JPN": "name_ja", "RUS": "name_ru", "CHN": "name_zh", "TWN": "name_zh", "VNM": "name_vi",
               "PHL": "name_tl", "UKR": "name_uk"}


def test_places_carry_the_names_of_the_parties_involved():
    missing = []
    for place in load_table("places").itertuples():
        parties = set((place.claimed_by or "").split(";")) | set((place.administered_by or "").split(";"))
        missing += [(place.id, column) for party, column in LANGUAGE_OF.items()
                    if party in parties and not getattr(place, column)]
    assert not missing


def test_disputed_places_say_so_in_their_note():
    places = load_table("places")
    disputed = places[places["claimed_by"].fillna("").str.contains(";") & (places["kind"] != "strait")]
    assert len(disputed) >= 10
    assert disputed["note"].notna().all(), disputed.loc[disputed["note"].isna(), "id"].tolist()


def test_the_four_disputed_islands_are_claimed_by_both_and_administered_by_russia():
    places = load_table("places").set_index("id")
    for island in ["iturup-etorofu", "kunashir-kunashiri", "shikotan", "habomai"]:
        assert places.at[island, "claimed_by"] == "JPN;RUS"
        assert places.at[island, "administered_by"] == "RUS"


def test_treaty_lines_are_sourced_approximate_and_complete():
    source_ids = set(load_table("sources")["id"])
    lines = load_geojson("treaty-lines")["features"]
    assert [f["properties"]["year"] for f in lines] == [1855, 1875, 1905, 1945]
    for feature in lines:
        assert feature["properties"]["approximate"] is True
        assert feature["properties"]["source_id"] in source_ids


@pytest.mark.parametrize("name", ["treaty-lines", "theatres"])
def test_drawn_layers_cite_sources_and_say_how_they_were_made(name):
    source_ids, place_ids = set(load_table("sources")["id"]), set(load_table("places")["id"])
    for feature in load_geojson(name)["features"]:
        properties = feature["properties"]
        assert properties["source_id"] in source_ids, properties["id"]
        assert isinstance(properties["approximate"], bool) and properties["drawn_by"]
        assert properties.get("place_id", properties["id"]) in place_ids | {properties["id"]}


def test_theatres_cover_what_the_article_names():
    theatres = {f["properties"]["id"]: f["properties"] for f in load_geojson("theatres")["features"]}
    assert {"russian-far-east", "syria", "baltic-sea", "black-sea", "sea-of-japan", "sea-of-okhotsk",
            "south-china-sea"} <= set(theatres)
    assert all(p["approximate"] for p in theatres.values() if p["kind"] == "sea")


@pytest.mark.parametrize("name, inside",
                         [("asia-pacific-land", (131.9, 43.1)), ("europe-middle-east-land", (33.5, 44.6))])
def test_basemaps_hold_the_land_the_lessons_show(name, inside):
    """Vladivostok's and Sevastopol's surroundings fall inside the layer's box."""
    coordinates = [c for f in load_geojson(name)["features"] for ring in _rings(f["geometry"]) for c in ring]
    lons, lats = [c[0] for c in coordinates], [c[1] for c in coordinates]
    assert min(lons) <= inside[0] <= max(lons) and min(lats) <= inside[1] <= max(lats)


def _rings(geometry):
    polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
    return [ring for polygon in polygons for ring in polygon]


def test_land_outlines_include_the_four_islands():
    tagged = {f["properties"].get("island") for f in load_geojson("kuril-region-land")["features"]}
    assert {"iturup-etorofu", "kunashir-kunashiri", "shikotan", "habomai"} <= tagged


@pytest.mark.parametrize("name", LAYERS)
def test_layers_stay_small_enough_for_a_map_page(name):
    """A map page (at most 150 KB) carries its land layer, spaced out by folium (a tenth more), beside the page's
    own scripts (about 15 KB) and the lesson's layers: 80 KB leaves them room. A layer that grows past it needs a
    coarser simplification, or a finer layer for the closer zooms only (lessonkit.maps.FINER_LAND)."""
    resource = next(r for r in read_package()["resources"] if r["name"] == name)
    assert (DATA / resource["path"]).stat().st_size < 80_000


# A corrupted copy of each file is refused with its file, row and field named.

def _rewrite_cell(path, row_number, field, value):
    """Set one cell of a CSV; row_number counts as a spreadsheet does (header = 1)."""
    with open(path, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    rows[row_number - 2][field] = value
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


CORRUPTIONS = [
    ("events", "date", "2016-13-45", "is not a date"),
    ("events", "date_precision", "week", "is not one of"),
    ("events", "source_id", "no-such-source", "is not an id in sources"),
    ("places", "lat", "forty-five", "is not a number"),
    ("places", "region", "atlantis", "is not an id in regions"),
    ("figures", "value", "", "is empty but required"),
    ("sources", "url", "ftp://example.org", "does not match the pattern"),
    ("regions", "max_lat", "95", "is above the maximum"),
]


@pytest.mark.parametrize("table, field, bad_value, complaint", CORRUPTIONS)
def test_a_corrupted_copy_is_refused_naming_file_row_and_field(data_copy, table, field, bad_value, complaint):
    _rewrite_cell(data_copy / f"{table}.csv", 3, field, bad_value)
    with pytest.raises(DataFileError) as refused:
        load_table(table, data_dir=data_copy)
    message = str(refused.value)
    assert f"data/{table}.csv, row 3, field '{field}'" in message
    assert complaint in message


@pytest.mark.parametrize("table, field, bad_value, complaint", CORRUPTIONS[:4])
def test_frictionless_names_the_same_row_and_field(data_copy, table, field, bad_value, complaint):
    _rewrite_cell(data_copy / f"{table}.csv", 3, field, bad_value)
    report = Package(str(data_copy / "datapackage.json")).validate()
    errors = [(task.name, error.row_number, getattr(error, "field_name", None) or error.field_names[0])
              for task in report.tasks for error in task.errors]
    assert (table, 3, field) in errors


def test_a_duplicate_id_is_refused(data_copy):
    _rewrite_cell(data_copy / "places.csv", 3, "id", load_table("places")["id"].iloc[0])
    with pytest.raises(DataFileError, match=r"data/places.csv, row 3, field 'id': .* is used by an earlier row"):
        load_table("places", data_dir=data_copy)


def test_a_duplicate_claims_order_is_refused(data_copy):
    _rewrite_cell(data_copy / "claims.csv", 3, "order", str(load_table("claims")["order"].iloc[0]))
    with pytest.raises(DataFileError, match=r"data/claims.csv, row 3, field 'order': '1' is used by an earlier row"):
        load_table("claims", data_dir=data_copy)


def test_an_over_long_quote_is_refused(data_copy):
    _rewrite_cell(data_copy / "claims.csv", 3, "quote", "word " * 60)
    with pytest.raises(DataFileError, match=r"data/claims.csv, row 3, field 'quote': 300 characters, more than its "
                                            r"maxLength of 200"):
        load_table("claims", data_dir=data_copy)


@pytest.mark.parametrize("asked, named", [
    ({"constraints": {"minLength": 3}}, "constraint 'minLength'"),
    ({"type": "datetime"}, "type 'datetime'"),
    ({"format": "email"}, "key 'format'"),
])
def test_a_schema_rule_the_loader_does_not_enforce_is_refused(data_copy, asked, named):
    package = read_package(data_copy)
    claims = next(resource for resource in package["resources"] if resource["name"] == "claims")
    claims["schema"]["fields"][0].update(asked)
    (data_copy / "datapackage.json").write_text(json.dumps(package), encoding="utf-8")
    with pytest.raises(DataFileError, match=f"resource 'claims', field 'id': {named}"):
        load_table("claims", data_dir=data_copy)


def test_a_broken_geojson_file_is_refused_with_its_line(data_copy):
    path = data_copy / "geo" / "treaty-lines.geojson"
    path.write_text(path.read_text(encoding="utf-8").replace('"features"', '"features" oops', 1), encoding="utf-8")
    with pytest.raises(DataFileError, match=r"data/geo/treaty-lines.geojson, line \d+: not valid JSON"):
        load_geojson("treaty-lines", data_dir=data_copy)


def test_a_geojson_feature_without_geometry_is_refused(data_copy):
    path = data_copy / "geo" / "treaty-lines.geojson"
    layer = json.loads(path.read_text(encoding="utf-8"))
    layer["features"][1]["geometry"] = None
    path.write_text(json.dumps(layer), encoding="utf-8")
    with pytest.raises(DataFileError, match=r"feature 2, field 'geometry': missing"):
        load_geojson("treaty-lines", data_dir=data_copy)


def test_every_feature_of_every_layer_is_valid_geometry():
    """Shapely (a test dependency only; the lessons never import it) accepts every feature of every map layer."""
    from shapely.geometry import shape
    from shapely.validation import explain_validity

    invalid = [f"{name}, feature {number} ({feature['properties'].get('id', 'no id')}): "
               f"{explain_validity(shape(feature['geometry']))}"
               for name in LAYERS for number, feature in enumerate(load_geojson(name)["features"], start=1)
               if not shape(feature["geometry"]).is_valid]
    assert not invalid, "invalid geometry in data/geo:\n" + "\n".join(invalid)


# The source article is not part of the kit (it is cited, not copied); point KIT_SOURCE_ARTICLE at its text.
ARTICLE = Path(os.environ.get("KIT_SOURCE_ARTICLE", DATA.parent.parent / "shared" / "seed" / "article.txt"))


def _plain(text: str) -> str:
    """The article's text with curly quotes made straight and runs of whitespace made one space."""
    for curly, straight in {"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'}.items():
        text = text.replace(curly, straight)
    return " ".join(text.split())


def test_forecasts_cite_evidence_and_sources_that_exist():
    forecasts = load_table("forecasts")
    assert len(forecasts) >= 5
    evidence_ids = set().union(*(load_table(table)["id"] for table in ("events", "figures", "statements")))
    source_ids = set(load_table("sources")["id"])
    missing = [(row.id, ref) for row in forecasts.itertuples() for ref in row.evidence.split(";")
               if ref.strip() not in evidence_ids]
    missing += [(row.id, ref) for row in forecasts.itertuples() for ref in row.source_ids.split(";")
                if ref.strip() not in source_ids]
    assert not missing, missing
    assert forecasts["order"].is_unique


@pytest.mark.skipif(not ARTICLE.exists(), reason="the source article's text is not in this checkout")
def test_forecast_quotes_are_the_articles_words_and_short():
    article = _plain(ARTICLE.read_text(encoding="utf-8"))
    forecasts = load_table("forecasts")
    not_in_article = [row.id for row in forecasts.itertuples() if _plain(row.quote) not in article]
    too_long = [row.id for row in forecasts.itertuples() if len(row.quote.split()) > 25]
    assert not not_in_article and not too_long, {"not in the article": not_in_article, "over 25 words": too_long}
    positions = [article.index(_plain(quote)) for quote in forecasts.sort_values("order")["quote"]]
    assert positions == sorted(positions), "order follows the quotes' place in the article"


# data/claims.csv: the article's factual claims, each graded against the kit's rows. `evidence` and `source_ids` are
# ';'-joined lists, which Frictionless cannot check as foreign keys, so these tests do.
CLAIM_EVIDENCE_TABLES = ["events", "figures", "places", "statements", "voices"]
GRADED = {"accurate", "partly-accurate", "inaccurate"}
ARTICLE_BYLINE = "Robert Matthew Shines"


def _id_list(text) -> list[str]:
    return [part.strip() for part in (text or "").split(";") if part.strip()]


def test_claims_cite_rows_and_sources_that_exist():
    claims = load_table("claims")
    assert 20 <= len(claims) <= 40
    rows = set().union(*(set(load_table(name)["id"]) for name in CLAIM_EVIDENCE_TABLES))
    sources = set(load_table("sources")["id"])
    missing = [(claim.id, ref) for claim in claims.itertuples() for ref in _id_list(claim.evidence) if ref not in rows]
    missing += [(claim.id, ref) for claim in claims.itertuples() for ref in _id_list(claim.source_ids)
                if ref not in sources]
    assert not missing, missing


def test_every_graded_claim_shows_its_evidence_and_sources():
    claims = load_table("claims")
    checked = claims[claims["verdict"] != "not-a-factual-claim"]  # graded, and ungraded with what the kit has
    assert set(checked["verdict"]) >= GRADED
    bare = [claim.id for claim in checked.itertuples()
            if not _id_list(claim.evidence) or not _id_list(claim.source_ids)]
    assert not bare, f"a graded claim needs evidence and source_ids: {bare}"
    # Opinions and forecasts are never graded as facts, and nothing else is waved through as one.
    judgement = claims["kind"].isin(["opinion", "forecast"])
    assert (claims.loc[judgement, "verdict"] == "not-a-factual-claim").all()
    assert (claims.loc[~judgement, "verdict"] != "not-a-factual-claim").all()


def test_a_claims_sources_include_those_of_its_evidence():
    source_of = {}
    for name in CLAIM_EVIDENCE_TABLES:
        source_of.update(load_table(name).set_index("id")["source_id"].to_dict())
    unlisted = [(claim.id, ref, source_of[ref]) for claim in load_table("claims").itertuples()
                for ref in _id_list(claim.evidence) if source_of[ref] not in _id_list(claim.source_ids)]
    assert not unlisted, unlisted


def test_claims_are_in_reading_order_and_speak_to_readers():
    claims = load_table("claims")
    assert claims["order"].tolist() == list(range(1, len(claims) + 1))
    assert claims["paragraph"].is_monotonic_increasing
    for column in ["reason", "note"]:
        flagged = claims[claims[column].fillna("").str.contains(WORDS_FOR_AUTHORS, regex=True)]
        assert flagged.empty, flagged[["id", column]].to_dict("records")


def test_a_claims_quote_is_short_and_within_one_sentence():
    for claim in load_table("claims").itertuples():
        assert len(claim.quote.split()) <= 25, claim.id
        inside = re.sub(r"\b(?:[A-Z]\.){2,}", "", claim.quote)  # "U.S." ends no sentence
        assert not re.search(r"[.!?]\s", inside), f"{claim.id}: more than one sentence"


def _article_body() -> list[str]:
    """The body's paragraphs: every non-empty line after the site name and the headline, up to the byline, with
    photo captions and subheadings counted as paragraphs, as claims.paragraph counts them."""
    blocks = [_plain(line) for line in ARTICLE.read_text(encoding="utf-8").splitlines() if line.strip()]
    return blocks[2:blocks.index(ARTICLE_BYLINE)]


@pytest.mark.skipif(not ARTICLE.exists(), reason="the source article's text is not in this checkout")
def test_a_claims_quote_is_the_articles_words_in_its_paragraph():
    body = _article_body()
    assert len(body) == 16 and body[0].startswith("Russian President Vladimir Putin")
    claims = load_table("claims").sort_values("order")
    misplaced = [(claim.id, claim.paragraph) for claim in claims.itertuples()
                 if _plain(claim.quote) not in body[claim.paragraph - 1]]
    assert not misplaced, f"not found word for word in the paragraph given: {misplaced}"
    positions = [(claim.paragraph, body[claim.paragraph - 1].index(_plain(claim.quote)))
                 for claim in claims.itertuples()]
    assert positions == sorted(positions), "order follows the quotes' place in the article"


def _counted(series: pd.Series, order: list[str] | None = None) -> str:
    """'`a` 3, `b` 2', largest first (or in `order`), as data/README.md's table writes a column's values."""
    counts = series.value_counts()
    keys = order or sorted(counts.index, key=lambda key: (-counts[key], key))
    return ", ".join(f"`{key}` {counts[key]}" for key in keys if key in counts)


def test_the_data_readme_counts_what_the_tables_hold():
    """data/README.md's table of what the tables hold is kept by hand; this says which figure to change."""
    readme = (DATA / "README.md").read_text(encoding="utf-8")
    rows = {line.split("|")[1].strip(): line for line in readme.splitlines() if re.match(r"\| [a-z]+ \| \d+ \|", line)}
    events, statements = load_table("events"), load_table("statements")
    precision = events["date_precision"].value_counts()
    expected = {
        "events": [f"| {len(events)} |", f"themes: {_counted(events['theme'])};",
                   f"{precision.get('day', 0)} dated to the day, {precision.get('month', 0)} to the month, "
                   f"{precision.get('year', 0)} to the year", f"{int(events['disputed'].sum())} marked `disputed`"],
        "places": [f"| {len(load_table('places'))} |"],
        "figures": [f"| {len(load_table('figures'))} |"],
        "statements": [f"| {len(statements)} |",
                       f"{statements['event_id'].notna().sum()} on {statements['event_id'].nunique()} events, "
                       f"{statements['topic'].notna().sum()} standing positions on "
                       f"{statements['topic'].nunique()} topics"],
        "voices": [f"| {len(load_table('voices'))} |"],
        "claims": [f"| {len(load_table('claims'))} |"],
        "forecasts": [f"| {len(load_table('forecasts'))} |"],
        "topics": [f"| {len(load_table('topics'))} |"],
        "sources": [f"| {len(load_table('sources'))} |", f"by kind: {_counted(load_table('sources')['kind'])}"
                    .replace("`", "")],
    }
    for table, pieces in expected.items():
        for piece in pieces:
            assert piece in rows[table], f"data/README.md, the {table} row: write {piece!r}"
