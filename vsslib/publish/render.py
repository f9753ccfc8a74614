"""HTML for readers: an executed notebook as a self-contained page, and the index of every page (Jinja2)."""

from __future__ import annotations

import re
from functools import cache
from html import unescape as html_unescape
from pathlib import Path
from typing import TYPE_CHECKING

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup

from vsslib.errors import VssError
from vsslib.publish.plan import Job
from vsslib.publish.proofread import problems
from vsslib.publish.state import IndexCell

if TYPE_CHECKING:
    from nbconvert import HTMLExporter

TEMPLATES = Path(__file__).resolve().parent / "templates"
STATUS_NAMES = {"built": "byggd", "skipped": "oförändrad", "failed": "misslyckades", "stale": "inaktuell"}
# What a page may link to or load: nothing outside itself, no script. Only figures embedded as data.
_TAG = re.compile(r"""<([a-zA-Z][a-zA-Z0-9-]*)((?:[^>"']|"[^"]*"|'[^']*')*)>""")
_ATTRIBUTE = re.compile(r"""([^\s=/"'>]+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s"'>]+))?""")
_FORBIDDEN_TAGS = {"script", "iframe", "object", "embed", "base", "form", "link", "frame", "applet"}
_URL_ATTRIBUTES = {"href", "src", "action", "formaction", "srcset", "poster", "data", "xlink:href", "background"}
_EMBEDDED_FIGURE = re.compile(r"^data:image/(png|jpeg|svg\+xml);base64,", re.I)
# A table's own data as a download: CSV or an Excel workbook, on a link with `download` (opened, never run)
_TABLE_DOWNLOAD = re.compile(
    r"^data:(text/csv;charset=utf-8|application/vnd\.openxmlformats-officedocument\.spreadsheetml\.sheet);base64,"
    r"[A-Za-z0-9+/=]*$"
)


class PageError(VssError):
    """A rendered page would link out, load something from elsewhere, or run a script."""


def check_page(page: str, name: str) -> None:
    """PageError unless the page is self-contained: local links, embedded figures, no script or handler.

    A link may carry a table's own data as CSV or Excel (`data:` with `download`): a file to save, never run.

    Only markup is judged: report text shown as text is escaped ('&lt;script&gt;') and is not a tag.
    """
    for tag, attributes in _TAG.findall(page):
        if tag.lower() in _FORBIDDEN_TAGS:
            _refuse(name, f"<{tag}>")
        found = _ATTRIBUTE.findall(attributes)
        download = tag.lower() == "a" and any(a.lower() == "download" for a, _ in found)
        for attribute, raw in found:
            attribute, value = attribute.lower(), html_unescape(raw.strip("\"'")).strip()
            if attribute.startswith("on") or (tag.lower() == "meta" and attribute == "http-equiv"):
                _refuse(name, f"{attribute}= on <{tag}>")
            if attribute == "style" and re.search(r"url\s*\(|expression\s*\(", value, re.I):
                _refuse(name, f"a style loading {value[:40]!r}")
            if download and attribute == "href" and _TABLE_DOWNLOAD.match(value):
                continue
            if attribute in _URL_ATTRIBUTES and not _local(attribute, value):
                _refuse(name, f"{attribute}={value[:60]!r}")


def _local(attribute: str, url: str) -> bool:
    if attribute == "src" and _EMBEDDED_FIGURE.match(url):
        return True
    return not re.match(r"^\s*([a-z][a-z0-9+.\-]*:|//|\\\\)", url, re.I)


def _refuse(name: str, what: str) -> None:
    raise PageError(
        f"{name}: the page would contain {what}; pages load nothing from elsewhere and run nothing, "
        "and text from reports and data is shown as text only, so this page is not published"
    )


@cache
def _environment() -> Environment:
    environment = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(["j2"], default=True),
        keep_trailing_newline=True,
    )
    environment.filters["swedish"] = _swedish  # a key figure that is a count: '1 074', as the pages print it
    return environment


def _swedish(value: object) -> object:
    from vsslib.formatting import number

    return number(value) if isinstance(value, int | float) and not isinstance(value, bool) else value


def page(title: str, body: Markup | str, footer: list[tuple[str, str]] | None = None, home: str | None = None) -> str:
    """A self-contained HTML page: inline style, no scripts, nothing loaded from elsewhere.

    `body` is inserted as HTML only when it is Markup (rendered by nbconvert or a template); text is escaped.
    `home` is the relative link back to the index, shown above and below the page.
    """
    return _environment().get_template("page.html.j2").render(title=title, body=body, footer=footer or [], home=home)


def render_page(executed: Path, job: Job, provenance: dict) -> str:
    """The executed notebook as a page: code hidden unless asked for, figures embedded, provenance footer."""
    import nbformat

    nb = nbformat.read(executed, as_version=4)
    body, _ = _exporter(job.with_code).from_notebook_node(nb)
    title = nb.metadata.get("title") or job.name
    footer = [
        ("Byggd", provenance["built"]),
        ("Inställningar", _parameters(provenance["parameters"])),
        ("Underlagets kontrollsumma", provenance["facts"]),
        ("Verktyg", f"vsslib {provenance['version']}, version {provenance['commit']}"),
    ]
    html = page(f"{title} – {job.period}", Markup(body), footer, home="../index.html")
    check_page(html, f"{job.period}/{job.name}")
    if faults := problems(html, f"{job.period}/{job.name}"):
        raise PageError("the page is not fit to publish: " + "; ".join(faults[:5]))
    return html


@cache
def _exporter(with_code: bool) -> HTMLExporter:
    """The HTML exporter of nbconvert, made once per process: its templates are compiled once, not once per page."""
    from nbconvert import HTMLExporter

    return HTMLExporter(
        template_name="basic",
        exclude_input=not with_code,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
        anchor_link_text="",
    )


def _parameters(parameters: dict) -> str:
    """'period = 2021-08': the parameters a reader can act on (where the files went is no reader's business)."""
    shown = {k: v for k, v in sorted(parameters.items()) if k != "output_dir"}
    return ", ".join(f"{k} = {v}" for k, v in shown.items()) or "standard"


def render_index(
    cells: dict[tuple[str, str], IndexCell],
    periods: list[str],
    names: list[str],
    titles: dict[str, str],
    footer: list[tuple[str, str]] | None = None,
    workbooks: set[str] | None = None,
    stale_workbooks: set[str] | None = None,
) -> str:
    """reports/index.html: every period × every notebook with status, build time, links and key figures."""
    body = (
        _environment()
        .get_template("index_body.html.j2")
        .render(
            cells=cells,
            periods=list(reversed(periods)),
            names=names,
            titles=titles,
            status_names=STATUS_NAMES,
            workbooks=workbooks or set(),
            stale_workbooks=stale_workbooks or set(),
        )
    )
    html = page("VSS – analyser per period", Markup(body), footer)
    check_page(html, "index.html")
    return html
