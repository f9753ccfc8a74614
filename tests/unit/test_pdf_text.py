"""PDF to text (vsslib.extract.pdf): what a printed page says comes back in the reports' text shape."""

from __future__ import annotations

import pytest
from report_pdf import write_pdf

from vsslib.errors import ReportError
from vsslib.extract.pdf import pdf_text


def round_trip(text: str, tmp_path) -> str:
    pdf = tmp_path / "r.pdf"
    write_pdf(text, pdf)
    return pdf_text(pdf)


def test_a_footnote_mark_is_never_glued_onto_its_number(tmp_path):
    """ks-2018-08 l. 218: '95 <sup>1</sup>' would read '951' (or '1 95') if the raised 1 were plain text."""
    text = "Indikator\t2017\tMålvärde\nAndel med bredband\t87,6\t95 <sup>1</sup>\n"
    assert round_trip(text, tmp_path) == text


def test_empty_cells_keep_their_columns(tmp_path):
    """An empty cell is a cell: '469' stays in the 2016 column, the row's other columns stay empty."""
    text = "Indikator\t2016\t2017\t2018\nInsamlat hushållsavfall\t469\t\t\nTotal sjukfrånvaro\t\t5,8\t6,5\n"
    assert round_trip(text, tmp_path) == text


def test_a_cell_wrapped_over_lines_is_one_cell_again(tmp_path):
    label = "Andel mikro, små och medelstora företag som lämnar anbud i upphandlingar (%). " * 4
    text = f"Basuppdrag\tPrognos helår\tAugusti 2021\n{label.strip()}\t-\t29 %\n"
    assert round_trip(text, tmp_path) == text


def test_emphasis_is_read_from_the_fonts(tmp_path):
    """vss-2021-08 l. 78 (an italic sub-row) and vss-2019-04 l. 121 (a bold sum row)."""
    text = "Basuppdrag (volymmått)\tPrognos helår\n<i>-varav chatt</i>\t<i>12 000</i>\n<b>Summa</b>\t<b>6 616</b>\n"
    assert round_trip(text, tmp_path) == text


def test_blank_lines_are_the_page_s_empty_lines(tmp_path):
    text = "Rubrik\n\nFörsta stycket.\n\n\nAndra stycket.\nTabell\t2021\nLKDATA\t6 113\n\nEfter tabellen.\n"
    assert round_trip(text, tmp_path) == text


def test_a_long_paragraph_is_wrapped_into_lines_of_its_words(tmp_path):
    words = ("Verksamhetsstöd och service visar upp ett starkt verksamhetsresultat. " * 8).split()
    lines = round_trip(" ".join(words) + "\n", tmp_path).splitlines()
    assert len(lines) > 1 and " ".join(lines).split() == words


def test_a_table_over_a_page_break_keeps_every_row(tmp_path):
    rows = [f"Enhet {k}\t{k} 000\t{k}" for k in range(120)]
    text = "Tabell\tUtfall\tBudget\n" + "\n".join(rows) + "\n"
    assert round_trip(text, tmp_path).splitlines()[1:] == rows


def test_a_file_that_is_not_a_pdf_is_refused_with_its_name(tmp_path):
    bad = tmp_path / "trasig.pdf"
    bad.write_bytes(b"%PDF-1.7\n%%EOF")
    with pytest.raises(ReportError, match="trasig.pdf.*not a readable PDF"):
        pdf_text(bad)
