"""The kit's plotly style for event timelines. Lessons build the figure with plotly express; this dresses it."""
import re
import textwrap
from html import escape

import pandas as pd
import plotly.graph_objects as go
from IPython.display import HTML

from .data import load_table
from .style import CHART_HEIGHT_PX, OKABE_ITO


def events_with_sources(theme: str) -> pd.DataFrame:
    """The events of one theme, oldest first, with each event's source title and URL beside it for hover text, and
    'disputed: see statements' in the `statements` column of events whose parties give conflicting accounts."""
    sources = load_table("sources")[["id", "title", "url"]].rename(
        columns={"id": "source_id", "title": "source_title", "url": "source_url"})
    events = load_table("events").query("theme == @theme").merge(sources, on="source_id", how="left")
    # For hover text: a disputed event's accounts differ, and statements.side_by_side(event id) shows them.
    events["statements"] = events["disputed"].map({True: "disputed: see statements"}).fillna("")
    return events.sort_values("date", kind="stable").reset_index(drop=True)


def source_links(events: pd.DataFrame) -> HTML:
    """The distinct sources of `events` (as events_with_sources gives them), by title, each a link, in a list folded
    under its count: a reference to open, not reading for the class, and never addresses cut off in a table."""
    sources = events[["source_title", "source_url"]].drop_duplicates().sort_values("source_title")
    items = "".join(f'<li><a href="{escape(row.source_url)}">{escape(row.source_title)}</a></li>'
                    for row in sources.itertuples())
    return HTML(f"<details><summary>The {len(sources)} sources (click to open)</summary><ul>{items}</ul></details>")


def precise_dates(events: pd.DataFrame) -> list[str]:
    """Each event's date only as precise as its row (`date_precision`), for hover text: '6 May 2016' for a day,
    'Nov 2016' for a month, '2016' for a year, where the x axis would show a month's event as '01 Nov 2016'."""
    forms = {"day": lambda date: f"{date.day} {date:%b %Y}", "month": lambda date: f"{date:%b %Y}",
             "year": lambda date: f"{date:%Y}"}
    return [forms[precision](date) for date, precision in zip(events["date"], events["date_precision"], strict=True)]


def style_timeline(fig: go.Figure, title: str, height_px: int = CHART_HEIGHT_PX,
                   y_title: str = "Kind of event") -> go.Figure:
    """House style: a title that states the finding, labelled axes (the y axis names each kind of event, so no
    legend is needed), dates in hover text as 12 Dec 1956, plain background, fixed height."""
    fig.update_layout(
        title={"text": title, "x": 0.01, "xanchor": "left"},
        template="plotly_white",
        height=height_px,
        colorway=list(OKABE_ITO.values()),
        font={"family": "Arial, sans-serif", "size": 14},
        showlegend=False,  # the y axis names each kind of event, so colour is never the only cue
        margin={"l": 110, "r": 20, "t": 60, "b": 50},
        hoverlabel={"align": "left"},
    )
    fig.update_xaxes(title="Date", hoverformat="%d %b %Y")
    fig.update_yaxes(title=y_title)
    fig.update_traces(marker={"size": 12, "line": {"width": 1, "color": "white"}})
    fig.for_each_trace(_readable_hover)
    return fig


HOVER_LINE_CHARACTERS = 60  # a hover box this wide fits beside a dot on a 1280-pixel screen
HOVER_LABELS = {"description": "", "source_title": "Source: ", "statements": ""}


def _readable_hover(trace) -> None:
    """Hover text a learner can read in full: long texts wrapped into lines, and the kit's column names said in
    words ("Source: ...") or left out, instead of "source_title=..." on one line wider than the screen."""
    if trace.customdata is not None:
        trace.customdata = [[_wrapped(value) for value in row] for row in trace.customdata]
    if trace.hovertext is not None:
        trace.hovertext = [_wrapped(value) for value in trace.hovertext]
    if trace.hovertemplate:
        template = trace.hovertemplate
        for column, label in HOVER_LABELS.items():
            template = template.replace(f"{column}=", label)
        trace.hovertemplate = re.sub(r"(\w+)=%\{", lambda m: f"{m.group(1).replace('_', ' ').capitalize()}: %{{",
                                     template)


def _wrapped(value: object) -> object:
    if not isinstance(value, str) or len(value) <= HOVER_LINE_CHARACTERS:
        return value
    return "<br>".join(textwrap.wrap(value, HOVER_LINE_CHARACTERS))

