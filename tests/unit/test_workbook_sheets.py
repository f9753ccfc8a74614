"""The period workbook's sheets are the tables the pages registered (issue 24): every table a page shortens
(`show(..., period=)`, vsslib.pages.window) is a sheet with every row, as its note says."""

from __future__ import annotations

import ast
import io
import json

import pandas as pd
import pytest
from conftest import pages
from openpyxl import load_workbook

from vsslib import paths
from vsslib.facts.load import load_facts
from vsslib.pages.tables import Sheet
from vsslib.publish import workbook


def show_calls(notebook: str) -> list[ast.Call]:
    cells = json.loads((paths.layout().notebooks / f"{notebook}.ipynb").read_text(encoding="utf-8"))["cells"]
    code = "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "code")
    return [n for n in ast.walk(ast.parse(code)) if isinstance(n, ast.Call) and getattr(n.func, "id", "") == "show"]


@pytest.mark.parametrize("notebook", pages())
def test_every_table_a_page_shortens_is_a_sheet(notebook):
    """A page that shows only the latest years says the rest is in the workbook: so it must be there."""
    for call in show_calls(notebook):
        keywords = {k.arg for k in call.keywords}
        if "period" in keywords:
            assert "sheet" in keywords, f"{notebook}: line {call.lineno} shortens a table that is no sheet"


def test_the_built_workbook_holds_the_pages_sheets_with_their_sources(built_reports):
    """vss-2021-08 l. 78: '-varav chatt' 6 999 in January–August 2021 and 2 175 a year earlier; l. 158:
    'LKDATA  6 113  1 425  4 688  7 190', the result Jan–Aug 2021 6 113 tkr, with its report and line."""
    book = load_workbook(built_reports / "2021-08" / "vss-2021-08.xlsx")
    assert book.sheetnames[:2] == ["Om arbetsboken", "Fakta"]
    for name in ["Räknefel", "Motstridiga uppgifter", "Prognoser och utfall", "Träffsäkerhet", "LKDATA resultat"]:
        assert name in book.sheetnames, name
    chat = pd.DataFrame(book["Chatt"].iter_rows(values_only=True))
    assert {6999, 2175} <= set(chat[chat.columns[3]][1:])
    header, *results = book["LKDATA resultat"].iter_rows(values_only=True)
    # the page's hover titles are columns of the sheet, and so are its marks (vss-2019-04 l. 133: 5 220, contested)
    assert header[-3:] == ("Rapport", "Rad", "Anmärkning om värdena")
    assert (2021, 8, "utfall", "2021-08", 6113, "vss-2021-08", 158) in [row[:7] for row in results]
    assert any(row[4] == 5220 and "öppen konflikt" in str(row[7]) for row in results)


def test_a_sheet_written_and_read_back_is_the_same_table():
    frame = pd.DataFrame(
        {"År": [2019, 2021], "Värde (tkr)": [1.074774335203708, float("nan")], "Rapport": ["vss-2019-08", None]}
    )
    sheet = Sheet("LKDATA andel", frame, ["Värde (tkr)"], [])
    back = Sheet.from_record(json.loads(json.dumps(sheet.record())))
    pd.testing.assert_frame_equal(back.frame, frame)
    assert (back.name, back.numbers, back.percents) == ("LKDATA andel", ["Värde (tkr)"], [])


def test_a_sheet_without_rows_says_why(tmp_path):
    from vsslib.pages import notebook, tables

    notebook.resolve_period("2018-08")
    tables.register("Chatt", pd.DataFrame(), empty="Inga chattuppgifter för verksamheten.")
    (record,) = json.loads(tables.sheets_file("ab" * 32))["sheets"]
    assert record["columns"] == ["Anmärkning"] and record["rows"] == [["Inga chattuppgifter för verksamheten."]]


def test_two_pages_registering_one_sheet_name_is_an_error(tmp_path):
    sheet = Sheet("Chatt", pd.DataFrame({"a": [1]}), [], []).record()
    for page in ("one", "two"):
        (tmp_path / f"{page}.sheets.json").write_text(json.dumps({"sheets": [sheet]}), encoding="utf-8")
    with pytest.raises(workbook.MissingSheetsError, match="register the sheet Chatt"):
        workbook.read_sheets(tmp_path, ["one", "two"])


def test_the_workbook_is_the_facts_then_the_pages_sheets_in_page_order(tmp_path):
    for page, name in (("b_page", "Andra"), ("a_page", "Första")):
        record = Sheet(name, pd.DataFrame({"Värde": [1.5]}), ["Värde"], []).record()
        (tmp_path / f"{page}.sheets.json").write_text(json.dumps({"sheets": [record]}), encoding="utf-8")
    about = workbook.About("2019-04", "2026-12-01 10:00 CET", "ab" * 32, {"a_page": "Sida A", "b_page": "Sida B"})
    sheets = workbook.read_sheets(tmp_path, ["a_page", "b_page"])
    opened = load_workbook(io.BytesIO(workbook.workbook(load_facts(as_of="2019-04"), sheets, about)))
    assert opened.sheetnames == ["Om arbetsboken", "Fakta", "Första", "Andra"]
    assert opened["Första"]["A2"].value == 1.5


def test_the_workbook_for_management_opens_on_what_it_holds_and_formats_every_number(built_reports):
    """Issue 25 §4: a cover sheet; tkr with thousands separators and no float noise (rounded as the page rounds:
    the 2021 forecast accuracy's mean absolute error shows as a whole tkr); shares as percent numbers like the
    facts' own procent values; widths that show the content; frozen headers; an empty sheet that says why."""
    book = load_workbook(built_reports / "2021-08" / "vss-2021-08.xlsx")
    about = dict(book["Om arbetsboken"].iter_rows(min_row=2, values_only=True))
    assert about["Period"] == "2021-08" and about["Byggd"].endswith(("CET", "CEST"))
    assert len(about["Underlagets kontrollsumma"]) == 16 and "vss-2021-08" in about["Rapporter"]
    assert "4,6 betyder 4,6 %" in about["Enheter"] and "den tryckta raden ordagrant" in about["Spåra ett värde"]
    for name in book.sheetnames[1:]:
        assert name in about, f"the cover sheet says nothing of {name}"
        assert book[name].freeze_panes == "A2", name
    accuracy = book["Träffsäkerhet"]
    header = [c.value for c in accuracy[1]]
    mae = accuracy.cell(2, header.index("Medelabsolutfel (tkr)") + 1)
    assert mae.value == round(mae.value) and mae.number_format == "#,##0"
    bias = [c for c in next(accuracy.iter_cols(min_col=header.index("Medelfel (tkr)") + 1)) if c.row > 1]
    # issue 25 §3 and its review: amounts in tkr are whole, as the reports print them: −69, not −68,7 among −2 326
    assert [c.value for c in bias] == [round(c.value) for c in bias] and -69 in [c.value for c in bias]
    assert all(c.number_format == "#,##0" for c in bias)
    chat = book["Chatt"]
    header = [c.value for c in chat[1]]
    share = chat.cell(2, header.index("Andel chatt (%)") + 1)  # vss-2021-08 l. 78: 2 175 of 166 760 cases, Jan–Aug 2020
    assert share.value == 1.3 and share.number_format == '0.0" %"'
    width = chat.column_dimensions["A"].width
    assert width >= len("År") + 2
    goals = book["Indikatorer mot mål"]  # a widest column is wide enough for its longest text, up to 60
    longest = max(len(str(c.value)) for c in next(goals.iter_cols(min_col=2, max_col=2)) if c.value)
    assert goals.column_dimensions["B"].width == min(60, longest + 2)
    early = load_workbook(built_reports / "2018-08" / "vss-2018-08.xlsx")
    assert [c.value for c in early["Chatt"][1]] == ["Anmärkning"]
    assert early["Chatt"]["A2"].value == "Inga chattuppgifter för verksamheten."


def test_a_page_made_from_other_facts_is_refused_not_mixed_in(tmp_path):
    """Review of issue 24: `vss export` took whatever sheets files lay in the period's folder: a page left from a
    build on other facts (one that failed since, say) went into a workbook stamped with today's facts."""
    from conftest import facts_sha256

    from vsslib.pages.tables import sheets_file

    (tmp_path / "a_page.sheets.json").write_text(sheets_file(facts_sha256(), []), encoding="utf-8")
    (tmp_path / "b_page.sheets.json").write_text(sheets_file("0" * 64, []), encoding="utf-8")
    assert workbook.read_sheets(tmp_path, ["a_page"], facts_sha256()) == []
    with pytest.raises(workbook.MissingSheetsError, match="b_page.sheets.json was made from other facts"):
        workbook.read_sheets(tmp_path, ["a_page", "b_page"], facts_sha256())


def test_the_facts_sheet_says_where_a_value_is_not_what_its_line_printed():
    """Third review of issue 25: 'Varje tryckt värde' stored 398 beside the printed row 'Stadsarkivet 0 0 0 0'
    (vss-2019-08 l. 201, decision b2018-stadsarkivet) and 5,3 beside '53' (vss-2020-12 l. 730) without a word."""
    frame = workbook.facts_frame(load_facts())
    decided = frame[(frame.Rapport == "vss-2019-08") & (frame.Rad == 201) & (frame["Värde"] == 398)].iloc[0]
    assert (decided["Tryckt värde"], decided["Beslut"]) == (0, "b2018-stadsarkivet")
    repaired = frame[(frame.Rapport == "vss-2020-12") & (frame.Rad == 729) & (frame["Värde"] == 5.3)].iloc[0]
    assert repaired["Anmärkning"] == (  # and vss-2020-12 l. 102 prints 'Extern personalomséttning 8,6 8,4 6,0'
        "läst med decimalkomma (OCR): raden trycker 53; öppen konflikt: vss-2020-12, rad 102 trycker 8,4"
    )
    contested = frame[(frame.Rapport == "vss-2019-04") & (frame.Rad == 133) & (frame["Värde"] == 5220)].iloc[0]
    assert contested["Anmärkning"] == "öppen konflikt: vss-2019-04, rad 154 (texten) trycker 2\u00a0246"
    fields = {f for row in workbook.facts_csv(load_facts()).decode("utf-8-sig").splitlines() for f in row.split(";")}
    assert "nan" not in fields  # a fact printed as decided: an empty field, not 'nan'


def test_a_sheet_keeps_the_number_when_a_page_shows_its_text():
    """Third review: 13 of 25 'Värde' cells of 'Indikatorer mot mål' were empty: the page's printed text ('4,4')
    had taken the number's header and did not read as a number."""
    from vsslib.pages import notebook, tables

    notebook.resolve_period("2021-08")
    frame = pd.DataFrame({"report_id": ["vss-2021-08"], "source_line": [380], "value": [4.4], "value_text": ["4,4"]})
    tables.register("Indikatorer", frame, ["value"], cited={"value_text": ("report_id", "source_line")})
    sheet = tables.PAGE.sheets["Indikatorer"]
    assert list(sheet.frame.columns).count("Värde") == 1 and sheet.frame["Värde"].tolist() == [4.4]
