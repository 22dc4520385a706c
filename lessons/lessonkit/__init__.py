"""The kit's helpers. Notebooks in lessons/ import it directly: no install needed.

For the lessons: load data (`data`), measure (`geo`), draw maps (`maps`, in the kit's colours from `style`) and
timelines (`timelines`), show statements (`statements`), check exercises (`exercises`, one `checks` module per
lesson, passes noted by `progress`), short error messages in a notebook (`kernel`), charts shown without
plotly's start-up wait (`charts`), and where the kit keeps its files (`paths`). The build tools (slides, hand-outs,
pages, website) are the top-level `kitbuild` package, which hand-outs leave out.

Importing it also sets how pandas shows a table: every character of a text cell (pandas cuts text at 50 characters
by default, and a lesson never sends a learner to read a cut-off note or quote)."""
import pandas as pd

pd.set_option("display.max_colwidth", None)

# In a notebook: a NameError or KeyError from a cell's own code is shown in a few lines that say what to do
# (lessonkit.kernel), not as pandas' 40 lines.
from . import kernel as _kernel  # noqa: E402

_kernel.install()

# In a notebook: a plotly chart shows without first importing what plotly's renderers import (lessonkit.charts).
from . import charts as _charts  # noqa: E402

_charts.install()
