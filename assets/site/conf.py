"""Sphinx configuration of the kit's website (`python3 kit.py site`, built by kitbuild/site.py).

The source folder Sphinx reads is assembled by kitbuild/site.py (in `site.WORK`) with the kit's own layout
(lessons/, data/), so the Binder and download buttons name the same paths as the repository. The lessons arrive
already executed: MyST-NB only renders them. Nothing here fetches anything from the internet, at build time or when
a reader opens a page.
"""
import os

project = "Russia, Japan and the Asia-Pacific"
author = "The Asia-Pacific security teaching kit authors"
copyright = "the kit's authors; text and data CC BY 4.0, code MIT"
language = "en"

extensions = ["myst_nb"]
root_doc = "index"
exclude_patterns = [".doctrees", "**/.ipynb_checkpoints"]

# MyST-NB: render the stored outputs, run nothing, load nothing from a CDN.
nb_execution_mode = "off"
nb_ipywidgets_js = {}  # the kit has no widgets; the default loads require.js and the widget manager from CDNs
nb_output_stderr = "remove-warn"  # a warning printed while building the site shows in the build log, not to learners
nb_merge_streams = True
myst_heading_anchors = 3  # links to #section-names inside a page work as on GitHub
myst_enable_extensions = []  # plain CommonMark and tables, as the notebooks are written; no $math$ (MathJax = CDN)

# The theme: sphinx-book-theme, a book-like layout with launch and download buttons.
html_theme = "sphinx_book_theme"
html_title = "Russia, Japan and the Asia-Pacific"
html_static_path = ["_static"]
html_css_files = ["kit-site.css"]
html_js_files = ["kit-site.js"]  # the download button saves the .ipynb
html_copy_source = True
html_sourcelink_suffix = ""  # _sources/lessons/00-start-here.ipynb, not ...ipynb.txt: the download is a notebook
html_show_sourcelink = False
html_last_updated_fmt = None
html_context = {"default_mode": "light"}  # maps and charts are drawn on white

# Where the lessons live on GitHub, for the Binder and repository buttons. The placeholder is the README's Binder
# badge's; a CI job sets KIT_REPOSITORY_URL (on GitHub Actions: https://github.com/${{ github.repository }}).
repository_url = os.environ.get("KIT_REPOSITORY_URL", "https://github.com/OWNER/REPOSITORY")

html_theme_options = {
    "repository_url": repository_url,
    "repository_branch": "HEAD",  # the default branch, as in the README's Binder badge
    "path_to_docs": "",  # the site's source folder has the repository's own layout
    "use_repository_button": True,
    "use_download_button": True,  # .ipynb on lesson pages (the notebook without instructor notes), .pdf via print
    "use_edit_page_button": False,
    "use_issues_button": False,
    "use_source_button": False,
    "launch_buttons": {"binderhub_url": "https://mybinder.org", "notebook_interface": "jupyterlab"},
    "home_page_in_toc": True,
    "show_navbar_depth": 1,
    "show_toc_level": 2,
    # No analytics, no external fonts or icons (the theme ships its own), no version switcher to fetch.
    "analytics": {},
    "icon_links": [],
    "navigation_with_keys": False,
    "navbar_persistent": [],  # one search box, the sidebar's (the header repeated it)
    "extra_footer": "<p>Text and data CC BY 4.0, code MIT. The article the lessons discuss is not part of the kit.</p>",
}
