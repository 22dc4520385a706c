"""How a notebook shows a plotly chart: as plotly's JupyterLab renderer ("plotly_mimetype") shows it, without its wait.

Plotly's way to a notebook output first imports its renderers module, which imports nbformat (to check its version),
hence jsonschema, hence, where JupyterLab installed it, rfc3987-syntax, which builds 38 URI grammars as it is
imported: a lesson's first chart took 1.5 to 3 seconds longer than the rest. `install()` (run when lessonkit is
imported) has the notebook show a chart through `chart_output` instead, the same output from the same JSON, unless
plotly's renderers were configured: by PLOTLY_RENDERER, or in code that imported them (`plotly.io.renderers`). Other
frontends than JupyterLab (Colab, for one) choose other renderers; the kit runs in JupyterLab.
"""
import json
import os
import sys

PLOTLY_MIMETYPE = "application/vnd.plotly.v1+json"


def chart_output(figure) -> dict:
    """The output plotly's "plotly_mimetype" renderer gives a figure: its JSON under plotly's MIME type."""
    import plotly.io
    return {PLOTLY_MIMETYPE: json.loads(plotly.io.to_json(figure, remove_uids=False))}


def _show(figure) -> None:
    from IPython.display import display
    if "PLOTLY_RENDERER" in os.environ or "plotly.io._renderers" in sys.modules:
        figure._ipython_display_()  # plotly's own way, with whatever renderer was chosen
    else:
        display(chart_output(figure), raw=True)


def install() -> None:
    """In a notebook's kernel, show plotly figures with `_show`; elsewhere, nothing."""
    try:
        from IPython import get_ipython
    except ImportError:
        return
    shell = get_ipython()
    if shell is not None and hasattr(shell, "kernel"):
        shell.display_formatter.ipython_display_formatter.for_type_by_name(
            "plotly.basedatatypes", "BaseFigure", _show)
