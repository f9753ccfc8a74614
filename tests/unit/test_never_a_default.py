"""Issue 22: no header, cell or row is given a default meaning; what cannot be read is refused or warned.

Each fallback the column, row and unit readers had is here with what it does now (read it, or refuse it),
and the text every producer's PDF is normalised to.
"""

from __future__ import annotations

import pytest

from vsslib.errors import ReportError
from vsslib.extract.columns import parse_cell_header
from vsslib.extract.invariants import check_facts, rows_outside_tables, unread_cells
from vsslib.extract.pdf import ProseWords, join_cell_lines
from vsslib.extract.rows import FactBuilder, Report
from vsslib.extract.tables import TableReader
from vsslib.extract.text import normalise

DRIFT = "Driftsammandrag, netto tkr Verksamhet\t{header}\tBudget 2022\nLKDATA\t6 113\t1 425\nSumma\t6 113\t1 425\n"


def tables_of(text: str, vintage: tuple[int, int] = (2022, 8)):
    reader = TableReader("vss-2022-08.txt", text.splitlines(), vintage, ocr=False)
    return reader, reader.tables()


# -- headers: every word read, or the table refused ------------------------------------------------


@pytest.mark.parametrize(
    ("header", "unread"),
    [
        ("Redovisat janaug 2022", ["janaug"]),  # 'jan-' + 'aug' glued: once read as a full year (issue 22)
        ("Redovisat per kvartal 2022", ["kvartal"]),
        ("Budget Prognos 2022", ["Prognos"]),  # two measures in one cell
    ],
)
def test_a_header_word_that_is_no_measure_period_or_month_is_listed(header, unread):
    assert parse_cell_header(header).unread == unread


def test_the_basis_of_a_deviation_is_part_of_its_header():
    # ks-2018-08 l. 703-704: 'Avvik. mot periodiserad budget' over '31/8 2018'
    assert parse_cell_header("Avvik. mot periodiserad budget 31/8 2018").unread == []


def test_a_table_with_an_unread_header_is_refused_naming_file_line_and_header():
    with pytest.raises(ReportError) as refused:
        tables_of(DRIFT.format(header="Redovisat janaug 2022"))
    assert str(refused.value).startswith("vss-2022-08.txt:1: table header")
    assert "'janaug' is no measure, period or month" in str(refused.value)


@pytest.mark.parametrize("header", ["Differens", "Inkomster", ""])
def test_numbers_under_a_header_that_names_no_measure_are_refused_not_dropped(header):
    # the blind review's 'Avvikelse' replaced by 'Differens', and a merged header leaving 'Inkomster' alone
    text = "Driftsammandrag, netto tkr Verksamhet\tRedovisat jan-aug 2022\t" + header + "\tBudget 2022\n"
    text += "LKDATA\t6 113\t4 688\t1 425\n"
    with pytest.raises(ReportError, match="vss-2022-08.txt:2: the row prints '4 688' in the column headed"):
        tables_of(text)


def test_a_wrapped_month_range_is_read_as_the_part_year_it_says():
    # issue 22: 'Redovisat jan-' / 'aug 2022' in one cell, as a browser's PDF prints it
    _, tables = tables_of(DRIFT.format(header="Redovisat jan- aug 2022"))
    first = tables[0].columns[0]
    assert (first.measure, first.year, first.month) == ("utfall", 2022, 8)


def test_an_outcome_dated_after_the_report_is_refused():
    # a year with no month is the whole year: 'Redovisat 2022' in the report of August 2022 cannot be
    with pytest.raises(ReportError, match=r"vss-2022-08.txt:1: column 'Redovisat 2022' gives an outcome for 2022-12"):
        tables_of(DRIFT.format(header="Redovisat 2022"))


INVESTMENTS = (
    "Investeringar Belopp tkr\tRedovisning 31/8 2018 Utgifter\tRedovisning {date} Inkomster\tBudget 2018\n"
    "Summa investeringar\t33 100\t0\t37 900\n"
)


def test_the_reports_own_date_printed_a_year_on_beside_it_is_read_as_its_date_with_a_warning():
    # ks-2018-08 l. 770 prints '313/8 2018 Utgifter' beside '313/8 2019 Inkomster' in the report of 31 Aug 2018
    reader, tables = tables_of(INVESTMENTS.format(date="31/8 2019"), (2018, 8))
    second = tables[0].columns[1]
    assert (second.measure, second.year, second.month, second.kind) == ("utfall", 2018, 8, "inkomster")
    assert any("a year after the report" in w and "vss-2022-08.txt:1" in w for w in reader.warnings)


def test_the_reports_own_date_a_year_on_alone_is_refused():
    # the reviewer's case: 'Redovisat jan-aug 2022' in a 2021-08 report, no column with the right date beside it
    with pytest.raises(ReportError, match="gives an outcome for 2019-08, after the report's own period 2018-08"):
        tables_of(DRIFT.format(header="Redovisning 31/8 2019"), (2018, 8))


def test_a_relabel_cell_with_an_unread_word_is_refused():
    text = DRIFT.format(header="Redovisat jan-aug 2022") + "Kvartal 2022:\t\t\n"
    text = text.replace("Summa\t6 113\t1 425\n", "Summa\t6 113\t1 425\nLKDATA\tKvartal 2022:\t\n")
    with pytest.raises(ReportError, match="relabels its column"):
        tables_of(text)


# -- facts no report could print ---------------------------------------------------------------------


def fact(**changed) -> dict:
    base = {
        "measure": "utfall",
        "ref_year": 2022,
        "ref_month": 8,
        "unit": "LKDATA",
        "source_file": "vss-2022-08.txt",
        "source_line": 12,
        "source_text": "LKDATA\t6 113\t1 425",
    }
    return {**base, **changed}


@pytest.mark.parametrize(
    ("changed", "problem"),
    [
        ({"ref_month": 12}, "an outcome for 2022-12, after the report's own period 2022-08"),
        ({"ref_month": 13, "measure": "budget"}, "month 13 is no month"),
        ({"ref_year": 2011}, "utfall for 2011, outside 2012–2022"),
        ({"measure": "prognos", "ref_year": 2021, "ref_month": 12}, "prognos for 2021, outside 2022–2023"),
        ({"unit": "HR-service"}, "unit 'HR-service', which its table names nowhere"),
    ],
)
def test_an_impossible_fact_is_refused_naming_its_row(changed, problem):
    with pytest.raises(ReportError) as refused:
        check_facts([fact(**changed)], (2022, 8), {"VSS", "LKDATA"})
    assert str(refused.value).startswith("vss-2022-08.txt:12: the row 'LKDATA\\t6 113\\t1 425' would give")
    assert problem in str(refused.value)


def test_a_possible_fact_passes():
    check_facts([fact(), fact(ref_year=2020, ref_month=12)], (2022, 8), {"VSS", "LKDATA"})


# -- cells found but not read --------------------------------------------------------------------------


def test_numbers_that_give_no_fact_are_a_warning_naming_table_and_lines():
    _, tables = tables_of(DRIFT.format(header="Redovisat jan-aug 2022"))
    facts = FactBuilder(Report("vss-2022-08", "VSS", "2022-08")).build(tables)
    assert unread_cells("vss-2022-08.txt", tables, facts) == []
    lost = [f for f in facts if f["source_line"] != 2]  # as if the LKDATA row (line 2) had given nothing
    (warning,) = unread_cells("vss-2022-08.txt", tables, lost)
    assert warning.startswith("vss-2022-08.txt:1: the drift table prints 4 numbers, 2 of them gave no fact (lines 2)")


def test_lines_that_look_like_rows_in_no_table_are_a_warning():
    # the borderless print of issue 22: rows left as loose words beside the table that was found
    text = DRIFT.format(header="Redovisat jan-aug 2022") + "\nEkonomiservice 320 210 111\nHR-service 458 0 458\n"
    _, tables = tables_of(text)
    (warning,) = rows_outside_tables("vss-2022-08.txt", text.splitlines(), tables)
    assert "2 lines look like rows of a table but are in no table read (lines 5, 6)" in warning
    prose = "Under 2021 ökade antalet ärenden till 190 721 jämfört med 166 760 året före, en ökning med ca 14 %."
    assert rows_outside_tables("r.txt", [prose, prose], []) == []


# -- text as every producer's PDF is normalised ---------------------------------------------------------


@pytest.mark.parametrize(
    ("printed", "read"),
    [
        ("inför ﬂytt till Ebbepark", "inför flytt till Ebbepark"),  # a ligature glyph (issue 22)
        ("Redovis\u00adning", "Redovisning"),  # a soft hyphen
        ("LKDATA\t\u22121\u00a0050", "LKDATA\t-1 050"),  # minus sign, no-break space
        ("Avvikelse \u20134\u2009688", "Avvikelse -4 688"),  # en dash as a sign, thin space
        ("2019\u20132020 och jan\u2013aug", "2019\u20132020 och jan\u2013aug"),  # a range's dash is no sign
    ],
)
def test_text_is_normalised_before_it_is_parsed(printed, read):
    assert normalise(printed) == read


@pytest.mark.parametrize(
    ("lines", "cell"),
    [
        (["Redovisat jan-", "aug 2021"], "Redovisat jan-aug 2021"),  # vss-2021-08 l. 158, wrapped in its cell
        (["<b>Budget jan-</b>", "<b>aug 2021</b>"], "<b>Budget jan-aug 2021</b>"),
        (["1", "791"], "1 791"),  # broken at the thousands space
        (["17", "91"], "1791"),  # broken inside the digits
        (["Redovisning 30/4", "2019"], "Redovisning 30/4 2019"),  # a date is no number
        (["Kvalitet/", "leveranssäkerhet"], "Kvalitet/leveranssäkerhet"),
        (["Driftsammandrag, netto", "tkr Verksamhet"], "Driftsammandrag, netto tkr Verksamhet"),
        (["<b>Prognos</b>", "<b>helår</b>"], "<b>Prognos helår</b>"),
    ],
)
def test_a_cell_wrapped_over_lines_is_joined_as_printed(lines, cell):
    assert join_cell_lines(lines) == cell


def test_a_word_broken_at_the_cells_edge_is_joined_when_the_prose_knows_it():
    # vss-2021-08 l. 411 'Kvalitet/leveranssäkerhet', broken 'leveranss' / 'äkerhet' by a narrow cell
    assert join_cell_lines(["Kvalitet/leveranss", "äkerhet"], {"leveranssäkerhet"}) == "Kvalitet/leveranssäkerhet"
    assert join_cell_lines(["Kvalitet/leveranss", "äkerhet"], set()) == "Kvalitet/leveranss äkerhet"
    # a line that reaches the cell's edge, then one or two letters: 'Antal arbetsmarknadsplatse' / 'r'
    assert join_cell_lines(["Antal arbetsmarknadsplatse", "r"], set(), [True, False]) == "Antal arbetsmarknadsplatser"
    # two words of the prose stay two words, however full the line
    assert join_cell_lines(["Andel branscher i procent", "av totala"], {"procent", "av"}, [True, False]) == (
        "Andel branscher i procent av totala"
    )


def test_a_join_the_reader_cannot_decide_is_recorded_for_a_warning():
    # the blind review's Word export: 'Andel heltidsanstäl' / 'lningar' (vss-2021-08 l. 430, 'heltidsanställningar')
    known = ProseWords({"andel", "och"})
    assert join_cell_lines(["Andel heltidsanstäl", "lningar"], known) == "Andel heltidsanstäl lningar"
    assert join_cell_lines(["Andel", "och mer"], known) == "Andel och mer"  # a word of the prose: no doubt
    assert known.doubtful == ["heltidsanstäl lningar"]
