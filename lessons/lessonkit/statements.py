"""What each party said about an event or a standing question, shown side by side with its sources.

`side_by_side("kurils-sovereignty")` or `side_by_side("2022-russia-quits-peace-treaty-talks")` returns an object that
Jupyter draws as one box per statement, in a row, oldest first within each party; printed, it is plain text.
"""
from dataclasses import dataclass
from html import escape

import pandas as pd

from .data import load_table
from .style import country_names


def statements_about(about: str) -> pd.DataFrame:
    """The statements on one event (by event id) or one topic (by topic id), with each source's title and URL."""
    statements = load_table("statements")
    chosen = statements[(statements["event_id"] == about) | (statements["topic"] == about)]
    if chosen.empty:
        known = sorted(set(statements["event_id"].dropna()) | set(statements["topic"].dropna()))
        raise KeyError(f"No statements about {about!r}. Events and topics with statements: {', '.join(known)}")
    sources = load_table("sources")[["id", "title", "publisher", "url"]].rename(
        columns={"id": "source_id", "title": "source_title", "publisher": "source_publisher", "url": "source_url"})
    return chosen.merge(sources, on="source_id", how="left").sort_values(["actor", "date"], kind="stable")


@dataclass
class SideBySide:
    about: str
    statements: pd.DataFrame
    folded: bool = False

    def __repr__(self) -> str:
        lines = [f"Statements about {self.about}:"]
        for row in self.statements.itertuples():
            lines.append(f"- {country_names(row.actor)}, {row.speaker}, {_when(row)}: {row.summary} "
                         f"(Source: {row.source_title})")
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        boxes = "".join(_box(row) for row in self.statements.itertuples())
        panel = (f"<div class='kit-statements' style='display:flex;flex-wrap:wrap;gap:8px;font-size:13px'>"
                 f"{boxes}</div>")
        if not self.folded:
            return panel
        parties = ", ".join(dict.fromkeys(country_names(actor) for actor in self.statements["actor"]))
        summary = f"Further reading (click to open): statements by {escape(parties)}"
        return f"<details><summary>{summary}</summary>{panel}</details>"


def _when(row) -> str:
    formats = {"day": "%d %B %Y", "month": "%B %Y", "year": "%Y"}
    return row.date.strftime(formats[row.date_precision]).lstrip("0")


def _box(row) -> str:
    quote = f"<p style='margin:4px 0'><i>“{escape(row.quote)}”</i></p>" if row.quote else ""
    return (f"<div style='flex:1 1 260px;border:1px solid #999;border-radius:4px;padding:6px 9px;max-width:420px'>"
            f"<b>{escape(country_names(row.actor))}</b><br><span style='color:#444'>{escape(row.speaker)}, "
            f"{escape(_when(row))}</span><p style='margin:4px 0'>{escape(row.summary)}</p>{quote}"
            f"<p style='margin:4px 0;color:#444'>Source: <a href='{escape(row.source_url)}' target='_blank' "
            f"rel='noopener'>{escape(row.source_title)}</a> ({escape(row.source_publisher)})</p></div>")


def side_by_side(about: str, actors: list[str] | None = None, folded: bool = False) -> SideBySide:
    """Every party's statement on an event or topic, side by side, each with its source; with `actors` (country
    codes such as ["UKR", "RUS"]), only theirs, in that order, so that a long exchange can be shown a few parties at
    a time. `folded` shows the panel closed, as further reading a learner opens by choice."""
    statements = statements_about(about)
    if actors is not None:
        unknown = sorted(set(actors) - set(statements["actor"]))
        if unknown:
            raise KeyError(f"No statement about {about!r} by {', '.join(unknown)}; "
                           f"the parties with one: {', '.join(sorted(set(statements['actor'])))}")
        order = {actor: place for place, actor in enumerate(actors)}
        statements = statements[statements["actor"].isin(actors)].sort_values(
            ["actor", "date"], key=lambda column: column.map(order) if column.name == "actor" else column)
    return SideBySide(about, statements, folded)
