"""Every built page of every period read as a reader would (issue 13): typography, labels, units, bases.

One full build into a temporary folder; each test reads its pages. Expected figures are the reports'.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from vsslib.publish.build import build
from vsslib.publish.proofread import problems

pytestmark = pytest.mark.slow  # builds every period: left out of `make test-fast`


@pytest.fixture(scope="module")
def pages(tmp_path_factory) -> Path:
    reports = tmp_path_factory.mktemp("reports")
    outcomes = build(reports_dir=reports, force=True, echo=lambda *_: None)
    assert {o.status for o in outcomes} == {"built"}, [o.error for o in outcomes if o.status != "built"]
    return reports


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
    assert len(list(pages.glob("*/*.html"))) == 20


def test_the_footer_names_no_local_path_and_the_index_has_one(pages):
    page = (pages / "2021-08" / "forecast_accuracy.html").read_text(encoding="utf-8")
    assert "period = 2021-08" in page and "output_dir" not in page
    assert "<footer>" in (pages / "index.html").read_text(encoding="utf-8")


def test_horizons_are_compared_like_for_like_on_the_page(pages):
    """Issue 13.1: the conclusion compares budget, April and August over the same six unit-years of 2019."""
    said = text(pages / "2021-08" / "forecast_accuracy.html")
    assert "n = 6 verksamhetsår, 2019, tkr" in said
    assert "i 3 fall, lika nära i 3 och längre ifrån i 1" in said


def test_a_forecast_is_never_shown_as_an_outcome_on_the_index(pages):
    """Issue 13.12: LKDATA's 2021 share rests on forecasts (vss-2021-08 l. 173, 175)."""
    summary = json.loads((pages / "2021-08" / "lkdata_surplus.json").read_text(encoding="utf-8"))
    share = next(f for f in summary["key_figures"] if f["label"].startswith("Andel av förvaltningens resultat"))
    assert share["label"].endswith("2021 (prognos)")
    assert "2021 (prognos)" in text(pages / "index.html")


def test_the_surplus_page_marks_pro_forma_and_text_only_explanations(pages):
    said = text(pages / "2020-12" / "lkdata_surplus.html")
    assert "pro forma" in said and "VSS:s resultat" in said
    assert "förklaras i text, utan belopp" in said
    assert "självkostnad" not in said


def test_no_band_from_one_method_and_no_look_ahead_target(pages):
    said = text(pages / "2019-08" / "kontakt_volumes.html")
    assert "scenariospann" not in said.lower().replace("visas metodernas spridning som ett scenariospann", "")
    assert "Målet för 2020" not in said  # the target is printed first in vss-2020-12
