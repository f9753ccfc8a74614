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


ROUND_TRIPS = {
    # ks-2018-08 l. 218: '95 <sup>1</sup>' would read '951' (or '1 95') if the raised 1 were plain text
    "a footnote mark is never glued onto its number": "Indikator\t2017\tMålvärde\nAndel med bredband\t87,6\t95 <sup>1</sup>\n",
    # an empty cell is a cell: '469' stays in the 2016 column, the row's other columns stay empty
    "empty cells keep their columns": (
        "Indikator\t2016\t2017\t2018\nInsamlat hushållsavfall\t469\t\t\nTotal sjukfrånvaro\t\t5,8\t6,5\n"
    ),
    "a cell wrapped over lines is one cell again": "Basuppdrag\tPrognos helår\tAugusti 2021\n"
    + ("Andel mikro, små och medelstora företag som lämnar anbud i upphandlingar (%). " * 4).strip()
    + "\t-\t29 %\n",
    # vss-2021-08 l. 78 (an italic sub-row) and vss-2019-04 l. 121 (a bold sum row)
    "emphasis is read from the fonts": (
        "Basuppdrag (volymmått)\tPrognos helår\n<i>-varav chatt</i>\t<i>12 000</i>\n<b>Summa</b>\t<b>6 616</b>\n"
    ),
    "blank lines are the page's empty lines": (
        "Rubrik\n\nFörsta stycket.\n\n\nAndra stycket.\nTabell\t2021\nLKDATA\t6 113\n\nEfter tabellen.\n"
    ),
}


@pytest.mark.parametrize("text", ROUND_TRIPS.values(), ids=ROUND_TRIPS.keys())
def test_the_text_comes_back_as_printed(text, tmp_path):
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
