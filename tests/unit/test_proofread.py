"""The page reader finds each class of mistake (issue 13.24–27), and passes a page without them."""

from __future__ import annotations

import pytest

from vsslib.publish.proofread import problems

GOOD = (
    '<nav><a href="../index.html">Alla analyser</a></nav><p>Resultatet blev 6\u00a0113\u00a0tkr, '
    "\u22121\u00a0030\u00a0tkr för eLärandeCenter, 4,6\u00a0% (2019-04, 2019–2020, vss-2021-08).</p>"
    '<p class="quote"><span class="printed">”LKDATA 6 113 -1 030 drift_utfall None”</span></p>'
    "<table><thead><tr><th>Verksamhet</th><th>Utfall (tkr)</th><th>År</th></tr></thead>"
    '<tbody><tr><td>LKDATA</td><td title="vss-2021-08, rad 158">6\u00a0113</td><td>2021</td></tr></tbody></table>'
    '<img src="data:image/png;base64,AAAA" alt="LKDATA: resultat per år 2019–2021.">'
)


def test_a_clean_page_passes():
    assert problems(GOOD) == []


@pytest.mark.parametrize(
    ("bad", "complaint"),
    [
        ("<p>Värde: nan</p>", "'nan'"),
        ("<p>Metoden None</p>", "'None'"),
        ("<p>(conflict)</p>", "'conflict'"),
        ("<p>drift_prognos resultat</p>", "'drift_prognos'"),
        ("<p>av VSSs resultat</p>", "'VSSs'"),
        ("<p>&lt;b&gt;Summa&lt;/b&gt;</p>", "markup shown as text"),
        ("<p>280 000 ärenden</p>", "ordinary space inside a number"),
        ("<p>resultatet -1\u00a0030\u00a0tkr</p>", "hyphen as minus"),
        ("<p>Parametrar: output_dir = /tmp/pages/2021-08</p>", "absolute path"),
        ('<img src="data:image/png;base64,AAAA" alt="Diagram">', "image without a description"),
        ('<img src="data:image/png;base64,AAAA">', "image without a description"),
        (
            "<table><tr><th>Verksamhet</th><th>Utfall</th></tr><tr><td>LKDATA</td><td>6\u00a0113</td></tr></table>",
            "amounts without a unit",
        ),
        (  # issue 25 §2: an amount must name its source or its basis (a mean of what, a share of what)
            "<table><tr><th>Prognostillfälle</th><th>Medelfel (tkr)</th></tr><tr><td>augusti</td><td>\u221268,7</td>"
            "</tr></table>",
            "1 amount(s) in the column 'Medelfel (tkr)' without a source",
        ),
        (
            '<table><tr><th>År</th><th>Andel chatt</th></tr><tr><td>2021</td><td title="">3,7\u00a0%</td></tr></table>',
            "in the column 'Andel chatt' without a source",
        ),
        (  # issue 25 §3: a column of nothing ('Delpost' when no row has one)
            "<table><tr><th>Verksamhet</th><th>Delpost</th></tr><tr><td>LKDATA</td><td></td></tr></table>",
            "the column 'Delpost' is empty in every row",
        ),
    ],
)
def test_each_mistake_is_found(bad, complaint):
    found = problems(GOOD + bad)
    assert any(complaint in p for p in found), found


def test_a_page_without_a_way_back_is_found():
    assert any("no link back" in p for p in problems(GOOD.replace("../index.html", "elsewhere.html")))


def test_years_months_counts_and_lines_need_no_source():
    table = (
        "<table><tr><th>År</th><th>Månad</th><th>Antal</th><th>Rad</th><th>Antal fakta</th></tr>"
        "<tr><td>2021</td><td>8</td><td>6</td><td>42</td><td>1\u00a0074</td></tr></table>"
    )
    assert problems(GOOD + table) == []
