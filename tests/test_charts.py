"""Charts in a notebook: the kit shows a plotly figure as plotly's JupyterLab renderer does, without its wait."""
import nbformat
import plotly.express as px
import plotly.io

from kitbuild.publish import execute
from lessonkit.charts import PLOTLY_MIMETYPE, chart_output
from lessonkit.style import CATEGORY_COLOURS
from lessonkit.timelines import events_with_sources, style_timeline


def test_a_chart_gives_the_output_plotlys_notebook_renderer_gives():
    events = events_with_sources("kurils")
    figure = style_timeline(px.scatter(events, x="date", y="category", color="category",
                                       color_discrete_map=CATEGORY_COLOURS, hover_name="title"), "Kurils")
    assert chart_output(figure) == plotly.io.renderers["plotly_mimetype"].to_mimebundle(figure.to_dict())


def test_a_notebook_shows_a_chart_without_importing_plotlys_renderers():
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [nbformat.v4.new_code_cell("import sys\nimport plotly.express as px\nimport lessonkit"),
                      nbformat.v4.new_code_cell("px.scatter(x=[1, 2], y=[3, 4])"),
                      nbformat.v4.new_code_cell("print('nbformat' in sys.modules, "
                                                "'plotly.io._renderers' in sys.modules)")]
    chart, imported = execute(notebook).cells[1:]
    assert [output.output_type for output in chart.outputs] == ["display_data"]
    assert chart.outputs[0].data[PLOTLY_MIMETYPE]["data"][0]["type"] == "scatter"
    assert imported.outputs[0].text.strip() == "False False"
