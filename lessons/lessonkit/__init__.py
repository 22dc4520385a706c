"""The kit's helpers: load data (`data`), draw maps (`maps`) and timelines (`timelines`), check exercises
(`exercises`, and one `checks` module per lesson). Notebooks in lessons/ import it directly: no install needed."""
