"""A page's sources: every cited line is listed with the words the report printed on it."""

from __future__ import annotations

from vsslib.pages import tables
from vsslib.pages.tables import Sources


def test_a_cited_line_no_fact_came_from_is_quoted_from_the_report():
    """vss-2020-12 l. 276 states LKDATA's 2020 investments in prose (36,1 miljoner): no fact row, a quote still."""
    sources = Sources()
    title = sources.title("vss-2020-12", 276)
    assert title.startswith("vss-2020-12, rad 276: ”Den storsta delen av investeringarna tillhor LKDATA")
    assert "36,1 miljoner" in title
    assert sources.title("vss-2020-12", 99999) == "vss-2020-12, rad 99999"  # past the end: no quote, no error
    assert sources.title("vss-2099-08", 1) == "vss-2099-08, rad 1"  # no such report


def test_a_source_without_words_is_listed_without_empty_quotes(monkeypatch):
    monkeypatch.setattr(tables, "SOURCES", Sources(shown={("vss-2021-08", 173): "LKDATA │ 9 360", ("x", 1): ""}))
    listed = tables.sources().data
    assert "<li>x, rad 1</li>" in listed and "””" not in listed
    assert '<li>vss-2021-08, rad 173: <span class="printed">”LKDATA │ 9 360”</span></li>' in listed


def test_a_notebook_run_again_in_the_same_kernel_lists_only_its_own_sources():
    """Issue 24: a page's sources lived in a module global that was never reset; a second run for another period
    in one JupyterLab kernel listed the first run's sources too."""
    import pandas as pd

    from vsslib.pages import notebook

    notebook.resolve_period("2021-08")
    frame = pd.DataFrame({"report_id": ["vss-2021-08"], "source_line": [158], "value": [6113.0]})
    tables.styled(frame, ["value"], cited={"value": ("report_id", "source_line")})
    assert ("vss-2021-08", 158) in tables.SOURCES.shown
    notebook.resolve_period("2019-04")
    assert tables.SOURCES.shown == {} and "Inga tabellvärden" in tables.sources().data
