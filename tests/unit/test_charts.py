"""Charts say what the tables say: an outcome is drawn as an outcome, a forecast as a forecast."""

from __future__ import annotations

import matplotlib

matplotlib.use("agg")

from matplotlib.colors import to_hex  # noqa: E402

from vsslib.analysis import surplus  # noqa: E402
from vsslib.facts.load import load_facts  # noqa: E402
from vsslib.pages import charts  # noqa: E402


def test_a_pro_forma_outcome_is_drawn_as_an_outcome(monkeypatch):
    """LKDATA 2018: 8 811 tkr outcome (vss-2019-04 l. 133, "LKDATA** │ 5 220 │ 3 346 │ 1 874 │ 8 811"), pro forma
    because VSS was formed in 2019; 2021: 9 360 tkr forecast (vss-2021-08 l. 173). Only the forecast is pale."""
    facts = load_facts(organ="VSS")
    shares = surplus.share_of_organ(facts, "LKDATA", "VSS", formed=2019)
    drawn = {}
    monkeypatch.setattr(charts, "_chart", lambda figure, alt: drawn.setdefault("figure", figure))
    charts.investments_and_result(surplus.investments_vs_frame(facts, "LKDATA"), shares, "LKDATA")
    bars = drawn["figure"].axes[1].patches
    colour = {int(year): to_hex(bar.get_facecolor()) for year, bar in zip(shares.ref_year, bars, strict=True)}
    basis = dict(zip(shares.ref_year, shares.basis, strict=True))
    assert (basis[2018], basis[2021]) == ("utfall, pro forma", "prognos")
    assert colour[2018] == colour[2019] == colour[2020] == "#55a868"  # Utfall
    assert colour[2021] == "#b6dcc0"  # Prognos


def test_a_year_s_target_is_drawn_over_that_year_only(monkeypatch):
    """Issue 25 §3: the 5 % chat target is 2020's (vss-2020-12 l. 665); it was drawn across 2021's points too."""
    from vsslib.analysis import volumes

    shares = volumes.chat_share(load_facts(organ="VSS", as_of="2021-08"), "Kontakt Linköping")
    drawn = {}
    monkeypatch.setattr(charts, "_chart", lambda figure, alt: drawn.setdefault("figure", figure))
    charts.chat_share(shares, 0.05, 2020)
    (line,) = drawn["figure"].axes[0].collections  # the target, as a line segment over some points
    (x0, _), (x1, _) = line.get_segments()[0]
    of_2020 = [i for i, year in enumerate(shares.ref_year) if year == 2020]
    assert (x0, x1) == (min(of_2020) - 0.3, max(of_2020) + 0.3) and max(of_2020) < len(shares) - 1
