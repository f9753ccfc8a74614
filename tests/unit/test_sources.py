"""A page's sources: every cited line is listed with the words the report printed on it."""

from __future__ import annotations

import pytest
from conftest import facts_sha256

from vsslib.pages import tables
from vsslib.pages.tables import Sources


def test_a_cited_line_no_fact_came_from_is_quoted_from_the_report():
    """vss-2020-12 l. 276 states LKDATA's 2020 investments in prose (36,1 miljoner): no fact row, a quote still."""
    sources = Sources()
    title = sources.title("vss-2020-12", 276)
    # third review of #25: a row of an OCR'd report is marked so, its misreadings ('tillhor') not taken for ours
    assert title.startswith("vss-2020-12, rad 276 (OCR-läst, återgiven som den lästes): ”Den storsta delen av")
    assert sources.title("vss-2021-08", 173).startswith("vss-2021-08, rad 173: ”LKDATA")  # a text PDF: no mark
    assert "36,1 miljoner" in title
    assert sources.title("vss-2020-12", 99999) == "vss-2020-12, rad 99999"  # past the end: no quote, no error
    assert sources.title("vss-2099-08", 1) == "vss-2099-08, rad 1"  # no such report


def test_a_source_without_words_is_listed_without_empty_quotes(monkeypatch):
    monkeypatch.setattr(
        tables, "PAGE", tables.Page(Sources(shown={("vss-2021-08", 173): "LKDATA │ 9 360", ("x", 1): ""}))
    )
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
    assert ("vss-2021-08", 158) in tables.PAGE.sources.shown
    notebook.resolve_period("2019-04")
    assert tables.PAGE.sources.shown == {} and "Inga tabellvärden" in tables.sources().data


def test_a_notebook_run_again_in_the_same_kernel_writes_only_its_own_sheets(tmp_path):
    """Issue 24: the workbook's sheets are the tables a run registered; a second run in the same kernel starts
    with none, and a sheet name given twice on one page is refused."""
    import json

    import pandas as pd

    from vsslib.errors import VssError
    from vsslib.pages import notebook

    notebook.resolve_period("2021-08")
    frame = pd.DataFrame({"ref_year": [2016, 2021], "value": [6113.0, 9360.0]})
    page = tables.show(frame, ["ref_year", "value"], unit="tkr", sheet="LKDATA resultat", period="2021-08").data
    assert "9\u00a0360" in page and "6\u00a0113" not in page  # the page shows 2018–2021 only, and says where 2016 is
    assert "1 äldre rad finns i periodens arbetsbok (vss-2021-08.xlsx)" in page
    with pytest.raises(VssError, match="registered twice"):
        tables.show(frame, sheet="LKDATA resultat")
    notebook.write_summary(tmp_path / "page.json", {})
    content = json.loads((tmp_path / "page.sheets.json").read_text(encoding="utf-8"))
    written = content["sheets"]
    assert [sheet["name"] for sheet in written] == ["LKDATA resultat"]
    assert content["facts_sha256"] == facts_sha256()  # the facts this run read: a workbook never mixes builds
    sheet = tables.Sheet.from_record(written[0])
    assert list(sheet.frame.columns) == ["År", "Värde (tkr)"] and sheet.numbers == ["Värde (tkr)"]
    assert sheet.frame["Värde (tkr)"].tolist() == [6113.0, 9360.0] and sheet.frame["År"].tolist() == [2016, 2021]
    notebook.resolve_period("2019-04")
    notebook.write_summary(tmp_path / "again.json", {})
    assert json.loads((tmp_path / "again.sheets.json").read_text(encoding="utf-8"))["sheets"] == []


def test_a_value_read_with_its_lost_decimal_comma_is_marked_repaired_where_shown():
    """Issue 25 §5: vss-2020-12 l. 730 prints 'personalomsättning 2,1 53 8,6 6,0' (OCR lost the comma of 5,3);
    the value read as 5,3 is marked on every page table that shows it, and the caption says why."""
    import pandas as pd

    from vsslib.facts.checks import repaired_printings
    from vsslib.facts.load import load_facts

    facts = load_facts()
    assert repaired_printings(facts) == {("vss-2020-12", 729, 5.3): "53"}  # the fact's row starts on l. 729
    shown = pd.DataFrame({"report_id": ["vss-2020-12", "vss-2020-12"], "source_line": [729, 729]})
    shown["value_text"] = ["5,3", "2,1"]
    html = tables.styled(shown, ["value_text"], facts=facts, cited={"value_text": ("report_id", "source_line")})
    page = html.to_html()
    assert "row0 col0 repaired" in page and "row1 col0 repaired" not in page  # 5,3 marked, 2,1 on the line not
    assert "<caption>✎ Tolkat läsfel" in page and page.count("läst med decimalkomma") == 1  # a reading, not a fix


def test_a_column_with_nothing_in_it_is_not_shown():
    import pandas as pd

    frame = pd.DataFrame({"unit": ["LKDATA", "HR-service"], "detail": ["", None], "value": [6113.0, 524.0]})
    page = tables.styled(frame, ["unit", "detail", "value"], unit="tkr").to_html()
    assert "Delpost" not in page and "Verksamhet" in page and "Värde (tkr)" in page


def test_a_decided_value_says_so_and_what_its_line_printed():
    """Review of issue 25: Ekonomiservice's 2020 result is −423 by decision b2020-ekonomiservice (vss-2020-12
    l. 155); the page cited vss-2021-08 l. 168, which prints −424, without a word."""
    import pandas as pd

    from vsslib.facts.load import load_facts

    facts = load_facts(organ="VSS", as_of="2021-08")
    shown = pd.DataFrame({"report_id": ["vss-2021-08"], "source_line": [168], "value": [-423.0]})
    page = tables.styled(shown, ["value"], unit="tkr", facts=facts, cited={"value": ("report_id", "source_line")})
    html = page.to_html()
    assert "beslutat värde (beslut b2020-ekonomiservice); raden trycker \u2212424" in html
    assert "row0 col0 decided" in html and "<caption>● Beslutat värde" in html


def test_a_value_in_an_open_conflict_is_marked_with_the_other_printing_where_shown():
    """Review of issue 25: LKDATA's April 2019 forecast is 5 220 in vss-2019-04's table (l. 133: 'LKDATA** 5 220
    3 346 1 874 8 811') and 2 246 in its text (l. 154: 'ett överskott med 2 246 tkr'), with no decision; the
    forecast page showed 5 220 unmarked. The cell, and the error computed from it, now say so."""
    import pandas as pd

    from vsslib.facts.load import load_facts
    from vsslib.pages import notebook

    notebook.resolve_period("2021-08")
    facts = load_facts(organ="VSS", as_of="2021-08")
    shown = pd.DataFrame(
        {
            "report_id": ["vss-2019-04", "vss-2019-04"],
            "source_line": [133, 133],
            "forecast": [5220.0, 3346.0],  # the April forecast, and the budget on the same line (not contested)
            "outcome_report": ["vss-2020-12"] * 2,
            "outcome_line": [160] * 2,
            "outcome": [15362.0] * 2,
            "error": [5220.0 - 15362.0, 3346.0 - 15362.0],
        }
    )
    page = tables.styled(
        shown,
        ["forecast", "outcome", "error"],
        unit="tkr",
        facts=facts,
        cited={"forecast": ("report_id", "source_line"), "outcome": ("outcome_report", "outcome_line")},
        derived={"error": ["forecast", "outcome"]},
    ).to_html()
    assert "row0 col0 contested" in page and "row0 col2 contested" in page  # the forecast and its error
    assert "row1 col0 contested" not in page and "row0 col1 contested" not in page
    assert "öppen konflikt: vss-2019-04, rad 154 (texten) trycker 2\u00a0246" in page
    assert "<caption>≠ Öppen konflikt" in page
    assert ("vss-2019-04", 154) in tables.PAGE.sources.shown  # the other printing's line is in "Källor"


def test_a_row_printed_over_two_lines_is_cited_at_both():
    """Review of issue 25: vss-2020-12 prints the label 'Extern' on l. 729 and 'personalomséttning 2,1 53 8,6 6,0'
    on l. 730; the fact's source_line is l. 729 (where its label begins, DATA_CONTRACT), and a citation of only
    l. 729 pointed a line above the numbers."""
    from vsslib.facts.load import load_facts

    facts = load_facts()
    row = facts[(facts.report_id == "vss-2020-12") & (facts.source_line == 729)]
    sources = Sources()
    sources.learn(row)
    assert sources.title("vss-2020-12", 729).startswith("vss-2020-12, rad 729–730 (OCR-läst, återgiven som")
    assert sources.lines(("vss-2020-12", 93)) == "rad 93"


def test_a_sheet_says_what_the_page_marks_say_of_its_values():
    """Review of issue 25: the workbook's sheets dropped the ≠ of LKDATA's 5 220 (vss-2019-04 l. 133; the text
    says 2 246 at l. 154) that the page shows; the sheet now says it beside the row."""
    import pandas as pd

    from vsslib.facts.load import load_facts
    from vsslib.pages import notebook

    notebook.resolve_period("2021-08")
    facts = load_facts(organ="VSS", as_of="2021-08")
    frame = pd.DataFrame(
        {"report_id": ["vss-2019-04", "vss-2019-04"], "source_line": [133, 133], "forecast": [5220.0, 3346.0]}
    )
    tables.register(
        "Prognoser", frame, ["forecast"], "tkr", facts=facts, cited={"forecast": ("report_id", "source_line")}
    )
    sheet = tables.PAGE.sheets["Prognoser"].frame
    assert sheet["Anmärkning om värdena"].tolist() == [
        "Prognos (tkr): ≠ öppen konflikt: vss-2019-04, rad 154 (texten) trycker 2\u00a0246",
        "",
    ]
    assert ("vss-2019-04", 154) not in tables.PAGE.sources.shown  # a sheet lists no source on the page


def test_an_empty_cell_has_no_source_title():
    """Review of issue 25: LKDATA's 2020 April share cell was empty, yet its title said what it was computed from."""
    import pandas as pd

    frame = pd.DataFrame(
        {"report_id": ["vss-2021-08", "vss-2021-08"], "source_line": [158, 158], "value": [6113.0, None]}
    )
    page = tables.styled(frame, ["value"], cited={"value": ("report_id", "source_line")}).to_html()
    assert page.count('title="vss-2021-08, rad 158') == 1
