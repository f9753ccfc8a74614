"""HTML for readers: an executed notebook as a self-contained page, and the index of every page (Jinja2)."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup

from vsslib.publish.plan import Job
from vsslib.publish.state import Outcome

TEMPLATES = Path(__file__).resolve().parent / "templates"
STATUS_NAMES = {"built": "byggd", "skipped": "oförändrad", "failed": "misslyckades"}


@cache
def _environment() -> Environment:
    return Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(["j2"], default=True),
        keep_trailing_newline=True,
    )


def page(title: str, body: Markup | str, footer: list[tuple[str, str]] | None = None) -> str:
    """A self-contained HTML page: inline style, no scripts, nothing loaded from elsewhere.

    `body` is inserted as HTML only when it is Markup (rendered by nbconvert or a template); text is escaped.
    """
    style = Markup((TEMPLATES / "style.css").read_text(encoding="utf-8"))
    return _environment().get_template("page.html.j2").render(title=title, body=body, footer=footer or [], style=style)


def render_page(executed: Path, job: Job, provenance: dict) -> str:
    """The executed notebook as a page: code hidden unless asked for, figures embedded, provenance footer."""
    import nbformat
    from nbconvert import HTMLExporter

    nb = nbformat.read(executed, as_version=4)
    exporter = HTMLExporter(
        template_name="basic",
        exclude_input=not job.with_code,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
        anchor_link_text="",
    )
    body, _ = exporter.from_notebook_node(nb)
    body = body.replace('alt="No description has been provided for this image"', 'alt="Diagram"')
    title = nb.metadata.get("title") or job.name
    footer = [
        ("Git-version", provenance["commit"]),
        ("Faktaunderlag (sha256)", provenance["facts"]),
        ("vsslib", provenance["version"]),
        ("Parametrar", _text(provenance["parameters"])),
        ("Byggd", provenance["built"]),
    ]
    return page(f"{title} – {job.period}", Markup(body), footer)


def _text(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True) if isinstance(value, dict) else str(value)


def render_index(outcomes: list[Outcome], periods: list[str], names: list[str], titles: dict[str, str]) -> str:
    """reports/index.html: periods × notebooks with status, build time, link and key figures."""
    body = (
        _environment()
        .get_template("index_body.html.j2")
        .render(
            cells={(o.period, o.name): o for o in outcomes},
            periods=list(reversed(periods)),
            names=names,
            titles=titles,
            status_names=STATUS_NAMES,
        )
    )
    return page("VSS – analyser per period", Markup(body))
