"""Every built page of every period read as a reader would (issue 13): typography, labels, units, bases.

One full build into a temporary folder; each test reads its pages. Expected figures are the reports'.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from vsslib.publish.proofread import problems

pytestmark = pytest.mark.slow  # builds every period: left out of `make test-fast`


@pytest.fixture(scope="module")
def pages(built_reports) -> Path:
    return built_reports  # every period, built once for the session (tests/conftest.py)


def text(page: Path) -> str:
    html = page.read_text(encoding="utf-8")
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", re.sub(r"<style.*?</style>", "", html, flags=re.S)))


def test_every_page_reads_as_a_publication(pages):
    """No program words, no markup as text, numbers that keep together, units, alt texts, a way back."""
    found = []
    for page in sorted(pages.glob("*/*.html")):
        found += problems(page.read_text(encoding="utf-8"), page.relative_to(pages).as_posix())
    found += problems((pages / "index.html").read_text(encoding="utf-8"), "index.html", index_link=None)
    assert found == []
    assert len(list(pages.glob("*/*.html"))) == 25  # 5 periods x 5 notebooks


def test_the_footer_names_no_local_path_and_the_index_has_one(pages):
    page = (pages / "2021-08" / "forecast_accuracy.html").read_text(encoding="utf-8")
    assert "period = 2021-08" in page and "output_dir" not in page
    assert "<footer>" in (pages / "index.html").read_text(encoding="utf-8")


def test_horizons_are_compared_like_for_like_on_the_page(pages):
    """Issue 13.1: the conclusion compares budget, April and August over the same six unit-years of 2019.

    Issue 25 §3: August against April over the six units only; VSS's total (April 4 075, vss-2019-04 l. 134;
    August 16 889, vss-2019-08 l. 204; outcome 17 301) was once counted beside them, 'n = 7'."""
    said = text(pages / "2021-08" / "forecast_accuracy.html")
    assert "n = 6 verksamhetsår, 2019, tkr" in said
    assert "i 2 fall, lika nära i 3 och längre ifrån i 1 (n = 6 verksamhetsår" in said and "n = 7" not in said


def test_a_forecast_is_never_shown_as_an_outcome_on_the_index(pages):
    """Issue 13.12: LKDATA's 2021 share rests on forecasts (vss-2021-08 l. 173, 175)."""
    summary = json.loads((pages / "2021-08" / "lkdata_surplus.json").read_text(encoding="utf-8"))
    result = next(f for f in summary["key_figures"] if f["label"].startswith("LKDATA:s resultat"))
    assert result["label"].endswith("2021 (prognos)") and result["value"] == "9\u00a0360\u00a0tkr"
    assert "2021 (prognos)" in text(pages / "index.html")


def test_the_index_shows_no_share_of_a_net_total_above_100_percent(pages):
    """Review of issue 25: the index showed LKDATA's 'Andel av förvaltningens resultat 2021 (prognos): 113,5 %'.
    vss-2021-08 l. 173 and 175: LKDATA 9 360 of VSS's 8 245; the other units together 8 245 − 9 360 = −1 115."""
    summary = json.loads((pages / "2021-08" / "lkdata_surplus.json").read_text(encoding="utf-8"))
    figures = {f["label"]: f["value"] for f in summary["key_figures"]}
    assert figures["Förvaltningens resultat 2021 (prognos)"] == "8\u00a0245\u00a0tkr"
    assert not any(label.startswith("Andel") for label in figures)
    said = text(pages / "2021-08" / "lkdata_surplus.html")
    assert "för mer än hela VSS:s resultat (9 360 tkr av 8 245 tkr" in said  # text() makes NBSP a space
    # second review: the others' −1 115 is VSS ledning och stab's −2 200 (vss-2021-08 l. 165) and +1 085 of the rest
    assert "varav VSS ledning och stab −2 200 tkr (vss-2021-08, rad 165) och de andra +1 085 tkr" in said


def test_every_listed_source_quotes_its_line(pages):
    """A figure stated in prose (vss-2020-12 l. 276, LKDATA's investments) was listed as ”” under Källor."""
    for page in sorted(pages.glob("*/*.html")):
        listed = re.findall(
            r"<li>(.*?)</li>", "".join(re.findall(r'<ol class="sources">(.*?)</ol>', page.read_text(encoding="utf-8")))
        )
        assert all('class="printed">”' in item and "””" not in item for item in listed), page


def test_the_volume_forecasts_carry_their_unit_on_the_page_and_the_index(pages):
    """vss-2021-08 l. 77 prints the 2021 forecast, 280 000 ärenden; the methods' span is in ärenden too."""
    assert "Officiell prognos 2021: 280 000 ärenden (från 2021-08)" in text(pages / "2021-08" / "kontakt_volumes.html")
    index = text(pages / "index.html")
    assert "Officiell prognos 2021: 280 000 ärenden" in index
    # reviews of #25: the span of all methods, then the seasonal share alone, stood beside the forecast on the index
    # without the page's caveats; the index shows the latest full year against its target instead (vss-2020-12
    # l. 93: 259 248; målvärde 220 000, l. 619)
    assert "Metodernas spann" not in index and "Säsongsandelen" not in index
    assert "Utfall 2020: 259 248 ärenden (målvärde 220 000)" in index


def test_the_surplus_page_marks_pro_forma_and_text_only_explanations(pages):
    said = text(pages / "2020-12" / "lkdata_surplus.html")
    assert "pro forma" in said and "VSS:s resultat" in said
    assert "förklaras i text, utan belopp" in said
    assert "självkostnad" not in said


def test_no_band_from_one_method_and_no_look_ahead_target(pages):
    said = text(pages / "2019-08" / "kontakt_volumes.html")
    assert "scenariospann" not in said.lower().replace("visas metodernas spridning som ett scenariospann", "")
    assert "Målet för 2020" not in said  # the target is printed first in vss-2020-12


def _titled_cells(page: Path) -> list[tuple[str, str]]:
    """(cell text, title) of every table cell with a source title on the page."""
    html = page.read_text(encoding="utf-8")
    cells = re.findall(r'<td[^>]*title="([^"]*)"[^>]*>(.*?)</td>', html, re.S)
    return [(re.sub(r"<[^>]+>", "", text).strip(), title) for title, text in cells]


def _printed_forms(cell: str) -> list[str]:
    """How the report may print a number the page shows ('6 113' as '6 113' or '6113'; 60 000 tkr as '60')."""
    plain = cell.replace("\u00a0", " ").replace("\u2212", "-").lstrip("-")
    digits = plain.replace(" ", "")
    forms = [plain, digits]
    if digits.isdigit() and int(digits) >= 100:
        forms.append(f"{int(digits) / 1000:.1f}".replace(".", ",").removesuffix(",0"))  # printed in mnkr
        forms.append(f"{int(digits) / 1000:.1f}".replace(".", ","))
    return forms


@pytest.mark.parametrize("name", ["forecast_accuracy", "lkdata_surplus", "kontakt_volumes", "data_quality"])
def test_a_number_on_the_page_leads_to_its_raw_line(pages, name):
    """Issue 14: a sample of each page's sourced cells: data/raw/<report>.txt prints the number at the title's line
    (or on the next two, where the row's label is wrapped over lines)."""
    from vsslib import paths

    checked = 0
    for period in ("2019-08", "2021-08"):
        for cell, title in _titled_cells(pages / period / f"{name}.html")[:12]:
            found = re.match(r"([a-z]+-\d{4}-\d{2}), rad (\d+)", title.replace("&#34;", '"'))
            if not found or not cell:
                continue
            raw = (paths.layout().raw / f"{found.group(1)}.txt").read_text(encoding="utf-8").splitlines()
            start = int(found.group(2)) - 1
            line = " ".join(raw[start : start + 3])  # a label wrapped over lines starts the printed row
            assert any(re.search(rf"(?<![\d,]){re.escape(f)}(?![\d])", line) for f in _printed_forms(cell)), (
                f"{title}: {cell!r} not on {line!r}"
            )
            checked += 1
    assert checked >= 5


def test_the_period_workbook_opens_with_numbers_and_the_index_links_it(pages):
    """Issue 14: the workbook beside the pages; values checked against vss-2021-08 l. 158 and vss-2019-08 l. 200."""
    import openpyxl

    book = openpyxl.load_workbook(pages / "2021-08" / "vss-2021-08.xlsx")
    assert (
        book.sheetnames[:4] == ["Om arbetsboken", "Fakta", "Tabeller per rapport", "Räknefel"]
        and "Prognoser och utfall" in book.sheetnames
    )
    facts = book["Fakta"]
    assert facts.freeze_panes == "A2" and "Fakta" in facts.tables
    header = [c.value for c in facts[1]]
    assert header[:4] == ["Rapport", "Förvaltning", "Rapportperiod", "Tabell"] and "Värde" in header
    rows = [dict(zip(header, (c.value for c in row), strict=True)) for row in facts.iter_rows(min_row=2)]
    lkdata = next(
        r
        for r in rows
        if (r["Rapport"], r["Verksamhet"], r["Post"], r["Mått"], r["År"], r["Månad"])
        == ("vss-2021-08", "LKDATA", "resultat", "utfall", 2021, 8)
    )
    assert lkdata["Värde"] == 6113 and isinstance(lkdata["Värde"], int | float)
    pairs = book["Prognoser och utfall"]
    head = [c.value for c in pairs[1]]
    found = [
        dict(zip(head, (c.value for c in row), strict=True))
        for row in pairs.iter_rows(min_row=2)
        if row[0].value == "LKDATA" and row[1].value == "resultat"
    ]
    august = next(r for r in found if r["Prognostillfälle"] == "augusti")
    assert (august["Prognos"], august["Utfall"]) == (15834, 15362)
    index = (pages / "index.html").read_text(encoding="utf-8")
    assert 'href="2021-08/vss-2021-08.xlsx"' in index and 'href="2021-08/vss-fakta-2021-08.csv"' in index
    csv = (pages / "2021-08" / "vss-fakta-2021-08.csv").read_bytes()
    assert csv.startswith(b"\xef\xbb\xbfRapport;") and b";6113;" in csv


def test_a_download_link_reads_back(pages):
    """Issue 14: the first table's CSV and Excel links on a page decode to the table."""
    import base64
    import io

    import pandas as pd

    html = (pages / "2021-08" / "lkdata_surplus.html").read_text(encoding="utf-8")
    links = dict(re.findall(r'<a download="([^"]+)" href="data:[^;]+(?:;charset=utf-8)?;base64,([^"]+)"', html))
    table = pd.read_csv(
        io.BytesIO(base64.b64decode(links["resultat-over-tid.csv"])), sep=";", decimal=",", encoding="utf-8-sig"
    )
    assert list(table.columns) == ["År", "Månad", "Mått", "Rapportperiod", "Värde (tkr)"]
    row = table[(table["År"] == 2021) & (table["Månad"] == 8) & (table["Mått"] == "utfall")].iloc[0]
    assert row["Värde (tkr)"] == 6113  # vss-2021-08 l. 158
    sheet = pd.read_excel(io.BytesIO(base64.b64decode(links["resultat-over-tid.xlsx"])))
    pd.testing.assert_frame_equal(sheet, table, check_dtype=False)


def _titles_of(page: Path, shown: str) -> list[str]:
    """The titles of the table cells on the page that show `shown`."""
    import html as markup

    cells = re.findall(r'<td[^>]*title="([^"]*)"[^>]*>([^<]*)</td>', page.read_text(encoding="utf-8"))
    return [markup.unescape(title) for title, text in cells if markup.unescape(text).strip() == shown]


@pytest.mark.parametrize(
    ("name", "shown", "lines"),
    [
        # 8 811 / 8 198 = 107,5 %: LKDATA's and VSS's 2018 results, vss-2019-08 l. 200 and l. 204
        ("lkdata_surplus", "107,5\u00a0%", ["vss-2019-08, rad 200", "vss-2019-08, rad 204"]),
        # 1 243 / 8 811 = 14,1 %: LKDATA Jan–Apr 2018 (vss-2019-04 l. 120) of its 2018 result (vss-2019-08 l. 200)
        ("lkdata_surplus", "14,1\u00a0%", ["vss-2019-04, rad 120", "vss-2019-08, rad 200"]),
        # 2 175 / 166 760 = 1,3 %: chat and all cases Jan–Aug 2020, vss-2021-08 l. 78 and l. 77
        ("kontakt_volumes", "1,3\u00a0%", ["vss-2021-08, rad 78", "vss-2021-08, rad 77"]),
        # VSS's 2019 costs 252 928 tkr, the turnover the forecast errors are set against (vss-2019-08 l. 205)
        ("forecast_accuracy", "252\u00a0928", ["vss-2019-08, rad 205"]),
    ],
)
def test_a_computed_amount_names_what_it_is_computed_from(pages, name, shown, lines):
    """Issue 25 §2: a share, a denominator, a mean names its sources on hover, and 'Källor' lists them."""
    page = pages / "2021-08" / f"{name}.html"
    titles = _titles_of(page, shown)
    assert titles, f"no cell shows {shown!r} with a title"
    assert all(line in titles[0] for line in lines), titles[0]
    listed = text(page)
    assert all(line in listed for line in lines)  # and "Källor" lists every line used


def test_a_mean_says_what_it_is_the_mean_of(pages):
    """The forecast accuracy's means (tabell Träffsäkerhet) name their n, horizon and unit-years."""
    titles = [t for t in _titles_of(pages / "2021-08" / "forecast_accuracy.html", "940") if "Medelvärdet" in t]
    assert titles and "de 6 prognosfelen (augusti:" in titles[0] and "LKDATA 2019" in titles[0]
