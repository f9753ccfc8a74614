"""The notebooks run top to bottom under papermill with the given parameters (smoke tests)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow  # runs notebooks: left out of `make test-fast`

papermill = pytest.importorskip("papermill")
ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("period", ["2021-08", "2018-08"])
def test_forecast_accuracy_notebook(tmp_path, period):
    papermill.execute_notebook(
        str(ROOT / "notebooks" / "forecast_accuracy.ipynb"),
        str(tmp_path / "out.ipynb"),
        parameters={"period": period, "output_dir": str(tmp_path)},
        progress_bar=False,
        cwd=str(ROOT),
    )
    summary = json.loads((tmp_path / "forecast_accuracy.json").read_text(encoding="utf-8"))
    assert summary["period"] == period and summary["organ"] == "VSS"
    if period == "2018-08":
        assert summary["pairs"] == []  # nothing to evaluate yet
    else:
        lk = [
            p
            for p in summary["pairs"]
            if p["unit"] == "LKDATA" and p["item"] == "resultat" and p["ref_year"] == 2019 and p["horizon"] == "augusti"
        ]
        assert [p["error"] for p in lk] == [472]  # vss-2019-08 line 200 against vss-2020-12 line 160


def test_unknown_period_fails_with_the_valid_ones(tmp_path):
    with pytest.raises(papermill.PapermillExecutionError, match="valid: 2018-08"):
        papermill.execute_notebook(
            str(ROOT / "notebooks" / "forecast_accuracy.ipynb"),
            str(tmp_path / "out.ipynb"),
            parameters={"period": "2030-01", "output_dir": str(tmp_path)},
            progress_bar=False,
            cwd=str(ROOT),
        )


@pytest.mark.parametrize(("period", "unit"), [("2019-04", "LKDATA"), ("2021-08", "Kontakt Linköping")])
def test_lkdata_surplus_notebook(tmp_path, period, unit):
    papermill.execute_notebook(
        str(ROOT / "notebooks" / "lkdata_surplus.ipynb"),
        str(tmp_path / "out.ipynb"),
        parameters={"period": period, "unit": unit, "output_dir": str(tmp_path)},
        progress_bar=False,
        cwd=str(ROOT),
    )
    summary = json.loads((tmp_path / "lkdata_surplus.json").read_text(encoding="utf-8"))
    assert summary["unit"] == unit and summary["period"] == period
    assert all(h["vintage"] <= period for h in summary["history"])  # no look-ahead
    if unit == "LKDATA":
        fall = summary["waterfalls"][0]  # vss-2019-04: 6 527 to April, 2 000 tkr from prices
        assert (fall["result"], fall["drivers"]) == (
            6527,
            [
                {"category": "pris", "amount": 2000, "place": 1000, "at_least": False, "line": 154}
            ],  # "cirka 2 000 tkr", l. 154
        )


def test_lkdata_surplus_unknown_unit(tmp_path):
    with pytest.raises(papermill.PapermillExecutionError, match="unknown unit 'IT-kontoret'"):
        papermill.execute_notebook(
            str(ROOT / "notebooks" / "lkdata_surplus.ipynb"),
            str(tmp_path / "out.ipynb"),
            parameters={"unit": "IT-kontoret", "output_dir": str(tmp_path)},
            progress_bar=False,
            cwd=str(ROOT),
        )


@pytest.mark.parametrize(
    ("period", "monthly"),
    [("2019-08", None), ("2020-12", None), ("2021-08", "data/synthetic/kontakt_monthly_SYNTHETIC.csv")],
)
def test_kontakt_volumes_notebook(tmp_path, period, monthly):
    papermill.execute_notebook(
        str(ROOT / "notebooks" / "kontakt_volumes.ipynb"),
        str(tmp_path / "out.ipynb"),
        parameters={"period": period, "monthly_csv": monthly, "output_dir": str(tmp_path)},
        progress_bar=False,
        cwd=str(ROOT),
    )
    summary = json.loads((tmp_path / "kontakt_volumes.json").read_text(encoding="utf-8"))
    assert summary["period"] == period and summary["unit"] == "Kontakt Linköping"
    assert summary["forecast_year"] == (2021 if period == "2020-12" else int(period[:4]))
    if period == "2019-08":
        test = [b for b in summary["backtests"] if b["as_of"] == "2019-08"][0]
        assert test["official"] == 197000  # vss-2019-08 line 69
    if monthly:
        # the synthetic series runs 2019-04..2021-12: cut at the period (29 months), forecast to December 2021
        monthly_part = summary["monthly"]
        assert (monthly_part["months"], monthly_part["cut_after_period"], len(monthly_part["forecast"])) == (29, 4, 4)
        assert monthly_part["synthetic"] is True


def test_kontakt_volumes_unknown_item(tmp_path):
    with pytest.raises(papermill.PapermillExecutionError, match="unknown item 'besök'"):
        papermill.execute_notebook(
            str(ROOT / "notebooks" / "kontakt_volumes.ipynb"),
            str(tmp_path / "out.ipynb"),
            parameters={"item": "besök", "output_dir": str(tmp_path)},
            progress_bar=False,
            cwd=str(ROOT),
        )


@pytest.mark.parametrize("name", sorted(p.stem for p in (ROOT / "notebooks").glob("*.ipynb")))
def test_every_notebook_runs_with_its_defaults(tmp_path, name):
    papermill.execute_notebook(
        str(ROOT / "notebooks" / f"{name}.ipynb"),
        str(tmp_path / "out.ipynb"),
        parameters={"output_dir": str(tmp_path)},
        progress_bar=False,
        cwd=str(ROOT),
    )
    summary = json.loads((tmp_path / f"{name}.json").read_text(encoding="utf-8"))
    assert summary["period"] == "2021-08"  # the latest report
