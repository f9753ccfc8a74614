"""Checks of the reports' own arithmetic, and of agreement between reports.

Pure functions over the facts table (a DataFrame with the contract's columns). Each returns
:class:`Finding` objects that name the report, the line, what is printed, what the arithmetic
expects, and the difference. The extractor never repairs a source mistake; these checks find them.
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass

import pandas as pd

from vsslib import formatting as fmt
from vsslib.contract import TABLE_NAMES
from vsslib.facts.load import PRINTING_ORDER, printings

TOLERANCE_TKR = 3.0  # rounding: each printed figure is rounded to whole tkr
KEY = ["organ", "unit", "item", "detail", "measure", "ref_year", "ref_month"]
ROW = ["report_id", "table", "unit", "item", "detail"]
# the sign each item's avvikelse is expected to follow: +1 = new − budget, −1 = budget − new
AVVIKELSE_SIGN = {"resultat": 1, "intäkter": 1, "kostnader": -1}
OTHER_CONVENTION_ITEMS = ("intäkter", "kostnader", "investeringar")  # items whose avvikelse a report may sign
# either way: budget − outcome for costs and investments (the contract), or outcome − budget as for the result
SERIES = ["organ", "unit", "item", "detail", "measure", "uom"]  # one quantity, over years and printings
PRINTED_LINE = ["report_id", "source_line"]
OUTLIER_FACTOR = 20  # the facts' own spread: no value is more than 5 times its row's and series' others
OUTLIER_FLOOR = 100  # below this a factor says little (0,4 % beside 9 %)


@dataclass(frozen=True)
class Finding:
    """One disagreement between what is printed and what the arithmetic (or another report) says."""

    check: str
    report_id: str
    source_line: int
    source_text: str
    what: str
    printed: float
    expected: float
    difference: float
    severity: str = "error"  # 'error' a mistake, 'convention' a consistent other sign convention, 'revision' none
    uom: str = ""  # the unit of printed, expected and difference (tkr, antal, procent)
    other_report: str = ""  # where `expected` is printed, for a check that compares two printings
    other_line: int = 0
    ref_year: int = 0  # the year the printed value is of

    def as_dict(self) -> dict:
        """The finding as a plain dict (for JSON summaries)."""
        return asdict(self)


def _table(table: object) -> str:
    return TABLE_NAMES.get(str(table), str(table))


def _printed(row: pd.Series) -> str:
    """A printed figure as the report shows it: '254 271', '0,39'."""
    return fmt.as_printed(row.value, row.precision)


def _tolerance(*terms: pd.Series | pd.DataFrame) -> float:
    """Rounding slack for arithmetic over printed figures: half the printed precision of each term."""
    precisions = pd.concat([t.precision if isinstance(t, pd.DataFrame) else pd.Series([t.precision]) for t in terms])
    slack = 0.5 * float(precisions.sum())
    tkr = any((t.uom == "tkr").any() if isinstance(t, pd.DataFrame) else t.uom == "tkr" for t in terms)
    return max(TOLERANCE_TKR, slack) if tkr else slack + 1e-9


def _unless_equal(check: str, row: pd.Series, what: str, expected: float, *terms: pd.Series) -> list[Finding]:
    """A finding when the row's printed value is not `expected` within the rounding of it and of `terms`."""
    if abs(row.value - expected) > _tolerance(row, *terms):
        return [_finding(check, row, what, row.value, expected)]
    return []


def _finding(
    check: str,
    row: pd.Series,
    what: str,
    printed: float,
    expected: float,
    severity: str = "error",
    other: tuple[str, int] = ("", 0),
) -> Finding:
    return Finding(
        check,
        row.report_id,
        int(row.source_line),
        row.source_text,
        what,
        float(printed),
        float(expected),
        round(float(printed) - float(expected), 6),
        "revision" if check == "revision" else severity,  # a budget may be revised: that is no mistake
        str(row.uom),
        *other,
        int(row.ref_year),
    )


def check_sums(facts: pd.DataFrame) -> list[Finding]:
    """Unit rows of a Driftsammandrag add up to its total; project rows add up to 'Summa investeringar'."""
    out = []
    facts = facts.drop_duplicates(
        ["report_id", "table", "unit", "item", "detail", "measure", "ref_year", "ref_month", "value"]
    )  # OCR prints some tables twice
    drift = facts[facts.table.isin(["drift_utfall", "drift_prognos"]) & (facts.item == "resultat")]
    for _, group in drift.groupby(["report_id", "table", "measure", "ref_year", "ref_month"]):
        total = group[group.unit == group.organ]
        parts = group[group.unit != group.organ]
        for _, row in total.iterrows():
            expected = parts.value.sum()
            if len(parts) and abs(row.value - expected) > _tolerance(row, parts):
                period = f"{row.ref_year}-{row.ref_month:02d}"
                out.append(
                    _finding(
                        "sum",
                        row,
                        f"{_table(row.table)}: totalen ({row.measure} {period}) "
                        f"mot summan av {len(parts)} verksamheter",
                        row.value,
                        expected,
                    )
                )
    inv = facts[facts.table == "investeringar"]
    for _, group in inv.groupby(["report_id", "item", "measure", "ref_year", "ref_month"]):
        total = group[(group.detail == "") & (group.unit == group.organ)]
        parts = group[(group.detail != "") & ~group.detail.str.lower().str.startswith(("varav", "summa"))]
        for _, row in total.iterrows():
            expected = parts.value.sum()
            if len(parts) and abs(row.value - expected) > _tolerance(row, parts):
                out.append(
                    _finding(
                        "sum",
                        row,
                        f"Summa {row['item']} ({row.measure}) mot summan av {len(parts)} projekt",
                        row.value,
                        expected,
                    )
                )
    return out


def _rows_with(facts: pd.DataFrame, measure: str) -> pd.DataFrame:
    """The facts of the printed rows (report, table, unit, item, detail) that print `measure`."""
    keys = facts.loc[facts.measure == measure, ROW].drop_duplicates()
    return facts.merge(keys, on=ROW)


def _levels(group: pd.DataFrame) -> dict[str, pd.Series]:
    return {str(m): g.iloc[0] for m, g in group.groupby("measure")}


def check_deviations(facts: pd.DataFrame) -> list[Finding]:
    """Each `avvikelse` equals new − budget (result, income), budget − new (costs, investments).

    A kostnader or intäkter row that follows the opposite sign throughout its report is reported
    once as a convention; any other mismatch is an error.
    """
    out: list[Finding] = []
    rows = _rows_with(facts[facts.measure.isin(["avvikelse", "utfall", "prognos", "budget"])], "avvikelse")
    for (_, table, unit, item, detail), group in rows.groupby(ROW):
        for _, dev in group[group.measure == "avvikelse"].iterrows():
            same = group[(group.ref_year == dev.ref_year)]
            new = same[same.measure.isin(["utfall", "prognos"]) & (same.ref_month == dev.ref_month)]
            budget = same[same.measure == "budget"]
            budget = budget[budget.ref_month == dev.ref_month] if len(budget) > 1 else budget
            if new.empty or budget.empty:
                continue
            sign = -1 if str(item).startswith("investeringar") else AVVIKELSE_SIGN.get(str(item), 1)
            diff = new.iloc[0].value - budget.iloc[0].value
            expected = sign * diff
            tolerance = _tolerance(dev, new.iloc[0], budget.iloc[0])
            if abs(dev.value - expected) <= tolerance:
                continue
            if str(item).startswith(OTHER_CONVENTION_ITEMS) and abs(dev.value + expected) <= tolerance and diff:
                out.append(
                    _finding(
                        "avvikelse",
                        dev,
                        f"{_table(table)}, {unit} {item}: avvikelsen tryckt med motsatt teckenkonvention",
                        dev.value,
                        expected,
                        "convention",
                    )
                )
                continue
            rule = "utfall/prognos − budget" if sign > 0 else "budget − utfall/prognos"
            label = f"{_table(table)}, {unit} {item} {detail}".strip()
            out.append(_finding("avvikelse", dev, f"{label}: avvikelsen mot {rule}", dev.value, expected))
    return _one_convention_per_row(out)


def _one_convention_per_row(findings: list[Finding]) -> list[Finding]:
    seen, out = set(), []
    for f in findings:
        key = (f.report_id, f.what.split(": ")[0].split()[-1]) if f.severity == "convention" else id(f)  # the item
        if key not in seen:
            seen.add(key)
            out.append(f)
    return out


def check_changes(facts: pd.DataFrame) -> list[Finding]:
    """Each `förändring` equals this period's utfall minus the same period a year earlier."""
    out = []
    for _, group in _rows_with(facts, "förändring").groupby(ROW):
        for _, chg in group[group.measure == "förändring"].iterrows():
            outcomes = group[(group.measure == "utfall") & (group.ref_month == chg.ref_month)]
            now = outcomes[outcomes.ref_year == chg.ref_year]
            before = outcomes[outcomes.ref_year == chg.ref_year - 1]
            if now.empty or before.empty:
                continue
            out += _unless_equal(
                "förändring",
                chg,
                f"{_table(chg.table)}, {chg.unit}: förändringen mot skillnaden mellan de två perioderna",
                now.iloc[0].value - before.iloc[0].value,
                now.iloc[0],
                before.iloc[0],
            )
    return out


def check_income_minus_costs(facts: pd.DataFrame) -> list[Finding]:
    """intäkter − kostnader equals the organ's resultat in the same table, column by column."""
    out = []
    organ_rows = facts[
        (facts.unit == facts.organ)
        & facts.item.isin(["resultat", "intäkter", "kostnader"])
        & (facts.measure != "avvikelse")
    ]
    for _, group in organ_rows.groupby(["report_id", "table", "measure", "ref_year", "ref_month"]):
        by_item = {item: g.iloc[0] for item, g in group.groupby("item")}
        if {"resultat", "intäkter", "kostnader"} <= by_item.keys():
            result, income, costs = by_item["resultat"], by_item["intäkter"], by_item["kostnader"]
            what = f"{_table(result.table)}: resultat ({result.measure}) mot intäkter − kostnader"
            out += _unless_equal("intäkter-kostnader", result, what, income.value - costs.value, income, costs)
    return out


def check_summary_against_drift(facts: pd.DataFrame) -> list[Finding]:
    """The 'Ekonomi, belopp tkr' summary repeats the Driftsammandrag total and the investment total."""
    out = []
    summary = facts[(facts.table == "ekonomi") & (facts.unit == facts.organ) & (facts.detail == "")]
    for _, row in summary.iterrows():
        tables = ["drift_utfall", "drift_prognos"] if row["item"] == "resultat" else ["investeringar"]
        twin = facts[
            (facts.report_id == row.report_id)
            & facts.table.isin(tables)
            & (facts.unit == row.unit)
            & (facts["item"] == row["item"])
            & (facts.detail == "")
            & (facts.measure == row.measure)
            & (facts.ref_year == row.ref_year)
            & (facts.ref_month == row.ref_month)
        ]
        if twin.empty or _agree(row, twin.iloc[0]) or abs(row.value - twin.iloc[0].value) <= TOLERANCE_TKR:
            continue
        if row.measure == "avvikelse" and abs(row.value + twin.iloc[0].value) <= TOLERANCE_TKR:
            continue  # the same deviation signed the other way: `check_deviations` names the convention once
        out.append(
            _finding(
                "ekonomi-drift",
                row,
                f"sammanfattningens {row['item']} ({row.measure}) mot "
                f"{_table(twin.iloc[0].table)} rad {twin.iloc[0].source_line}",
                row.value,
                twin.iloc[0].value,
            )
        )
    return out


def _agree(a: pd.Series, b: pd.Series) -> bool:
    """Equal at the coarser of the two printings (3,82 and 3,8 agree; so do 36,6 mnkr and 36 630 tkr)."""
    coarse = max(a.precision, b.precision)
    return abs(round(a.value / coarse) - round(b.value / coarse)) == 0 or abs(a.value - b.value) < coarse / 2


def check_conflicts(facts: pd.DataFrame) -> list[Finding]:
    """The same fact printed with different values: a conflict for utfall, a revision for budget."""
    out, seen = [], set()
    same = facts[facts.measure.isin(["utfall", "budget"])]
    for key, group in same.groupby(KEY):
        if group.value.nunique() < 2:
            continue
        rows = group.sort_values(PRINTING_ORDER)
        first = rows.iloc[0]
        for _, row in rows.iloc[1:].iterrows():
            if _agree(row, first) or (key, row.report_id, first.report_id, row.value) in seen:
                continue
            seen.add((key, row.report_id, first.report_id, row.value))
            check = "conflict" if row.measure == "utfall" else "revision"
            out.append(
                _finding(
                    check,
                    row,
                    f"{row.unit} {row['item']} {row.detail} {row.measure} "
                    f"{row.ref_year}-{row.ref_month:02d}: {first.report_id} rad {first.source_line} "
                    f"tryckte {_printed(first)}".replace("  ", " "),
                    row.value,
                    first.value,
                    other=(str(first.report_id), int(first.source_line)),
                )
            )
    return out


def check_text_against_tables(facts: pd.DataFrame, stated: pd.DataFrame) -> list[Finding]:
    """An amount a report states in its prose (curated in text_amounts.csv) against its own table.

    A budget the text calls the original frame is a revision; any other difference is a conflict
    between the report's text and its table.
    """
    out = []
    for said in stated.itertuples():
        stated_value = float(str(said.value))
        key = ("report_id", "unit", "item", "detail", "measure", "ref_year", "ref_month")
        table = printings(facts, **{column: getattr(said, column) for column in key})
        for _, row in table.drop_duplicates("value").iterrows():
            if abs(row.value - stated_value) <= max(row.precision / 2, 0.5):
                continue
            out.append(
                _finding(
                    "revision" if said.measure == "budget" else "text",
                    row,
                    f"{_table(row.table)}, {row.unit} {row['item']} {row.detail} {row.measure} "
                    f"{row.ref_year}-{row.ref_month:02d}: texten på rad {said.line} anger "
                    f"{fmt.number(stated_value)}".replace("  ", " "),
                    row.value,
                    stated_value,
                    other=(str(row.report_id), int(str(said.line))),
                )
            )
    return out


def check_sub_row_layout(facts: pd.DataFrame) -> list[Finding]:
    """An indicator's own numbers and target printed on its 'Män' or 'Kvinnor' line, its own line bare.

    The extractor reads them as the indicator's (a sub-row never carries a target: vss-2020-12 l. 742-746);
    the report's layout is the mistake, named here with the line it printed them on.
    """
    from vsslib.extract.text import strip_markup
    from vsslib.extract.vocabulary import sub_row_detail

    out = []
    targets = facts[(facts.table == "indikatorer") & (facts.detail == "") & (facts.measure == "målvärde")]
    for _, row in targets.iterrows():
        words = strip_markup(str(row.source_text)).replace("|", " ").split()
        printed_on = sub_row_detail(words[0]) if words else None
        if printed_on:
            out.append(
                _finding(
                    "layout",
                    row,
                    f"{_table(row.table)}: målvärdet och utfallen för ”{row['item']}” står på raden ”{words[0]}”, "
                    "indikatorns egen rad saknar siffror; lästa som indikatorns",
                    row.value,
                    row.value,
                )
            )
    return out


def check_scales(facts: pd.DataFrame) -> list[Finding]:
    """A value outside the scale its row prints ('Kundnöjdhet (0-5)' at 44): a misprint or a misreading."""
    out = []
    for _, row in facts[facts.uom.str.fullmatch(r"skala \d+-\d+")].iterrows():
        low, high = (float(n) for n in row.uom.removeprefix("skala ").split("-"))
        if not low <= row.value <= high:
            nearest = min(max(row.value, low), high)
            out.append(
                _finding(
                    "scale",
                    row,
                    f"{_table(row.table)}: {row['item']} {row.detail} {row.measure} {row.ref_year} utanför "
                    f"skalan {fmt.number(low)}–{fmt.number(high)}".replace("  ", " "),
                    row.value,
                    nearest,
                )
            )
    return out


def _largest_other(facts: pd.DataFrame, key: list[str]) -> pd.Series:
    """Per fact, the largest absolute value among the *other* facts of its group (NaN when it is alone)."""
    size = facts.value.abs().sort_values(ascending=False, kind="stable")
    group = facts.groupby(key, dropna=False).ngroup().reindex(size.index)
    rank = group.groupby(group).cumcount()
    largest, second = (size[rank == n].set_axis(group[rank == n]) for n in (0, 1))
    return pd.Series(group.map(largest).where(rank > 0, group.map(second)).to_numpy(), index=size.index).reindex(
        facts.index
    )


def check_outliers(facts: pd.DataFrame) -> list[Finding]:
    """A value far larger than every other on its printed line and in its series: most likely a misreading.

    A stray group of digits read into a number (`-476` as `-476 123`, vss-2020-12 l. 155) gives a value
    a thousand times its neighbours; the reports' own values never stand more than 5 times above the
    largest of their line's and series' others. Such a value is a finding (`suspect`, not a proven error)
    and is marked on every table that shows it (`suspect_printings`).
    """
    other = pd.concat([_largest_other(facts, SERIES), _largest_other(facts, PRINTED_LINE)], axis=1).max(axis=1)
    size = facts.value.abs()
    far = facts.assign(other=other)[(size >= OUTLIER_FLOOR) & other.gt(0) & size.gt(OUTLIER_FACTOR * other)]
    return [
        _finding(
            "outlier",
            row,
            f"{_table(row.table)}: {row.unit} {row['item']} {row.detail} {row.measure} {row.ref_year}: "
            f"mer än {OUTLIER_FACTOR} gånger det största andra värdet på raden och i serien "
            f"({_printed(pd.Series({'value': row.other, 'precision': row.precision}))}); "
            "troligen ett läsfel, kontrollera raden".replace("  ", " "),
            row.value,
            row.other,
            severity="suspect",
        )
        for _, row in far.iterrows()
    ]


_SUSPECT: dict[str, frozenset[tuple[str, int, float]]] = {}
_REPAIRED: dict[str, dict[tuple[str, int, float], str]] = {}


def suspect_printings(facts: pd.DataFrame) -> frozenset[tuple[str, int, float]]:
    """(report, line, value) of every value `check_outliers` finds in `facts`, remembered by the rows' content."""
    key = _digest(facts[[*SERIES, *PRINTED_LINE, "table", "ref_year", "value", "precision"]])
    if key not in _SUSPECT:
        _SUSPECT[key] = frozenset((f.report_id, f.source_line, f.printed) for f in check_outliers(facts))
    return _SUSPECT[key]


def repaired_printings(facts: pd.DataFrame) -> dict[tuple[str, int, float], str]:
    """(report, line, value) → what the line printed, for every value read otherwise than printed.

    OCR drops a decimal comma ('53' for 5,3, vss-2020-12 l. 730); the extractor restores it, and says so in a
    warning. Such a value is one whose printed form ('5,3') is not on its line while its digits ('53') are.
    """
    from vsslib.extract.text import strip_markup

    key = _digest(facts[["report_id", "source_line", "value", "precision", "source_text"]])
    if key in _REPAIRED:  # asked once per table a page shows: remembered by the rows' content, as suspects are
        return _REPAIRED[key]
    out = {}
    decimal = facts[(facts.precision < 1) & facts.value.notna()]
    for report, line, value, precision, text in zip(
        decimal.report_id, decimal.source_line, decimal.value, decimal.precision, decimal.source_text, strict=True
    ):
        printed = fmt.as_printed(float(value), float(precision)).replace(fmt.NBSP, " ").replace(fmt.MINUS, "-")
        digits = printed.replace(",", "")
        words = strip_markup(str(text)).replace("|", " ").split()
        if printed not in words and digits in words:
            out[(str(report), int(line), float(value))] = digits
    _REPAIRED[key] = out
    return out


ARITHMETIC = (
    check_sums,
    check_deviations,
    check_changes,
    check_income_minus_costs,
    check_summary_against_drift,
    check_sub_row_layout,
    check_scales,
)
BETWEEN = ("conflict", "revision", "text", "outlier")


_WITHIN: dict[str, list[Finding]] = {}
_CONFLICTS: list[tuple[dict[str, str], dict[str, str], list[Finding]]] = []


@dataclass(frozen=True)
class Contest:
    """Another printing of a value in an open conflict: its value, and where it is printed."""

    value: float
    report_id: str
    line: int
    in_text: bool  # the report's prose, against its own table

    @property
    def where(self) -> str:
        """'vss-2019-04, rad 154 (texten)'."""
        return f"{self.report_id}, rad {self.line}" + (" (texten)" if self.in_text else "")


_CONTESTED: dict[str, dict[tuple[str, int, float], list[Contest]]] = {}
OPEN_CONFLICTS = ("conflict", "text")


def contested_printings(
    facts: pd.DataFrame, stated: pd.DataFrame | None = None
) -> dict[tuple[str, int, float], list[Contest]]:
    """(report, line, value) → the other printings, for every value in an open conflict.

    An open conflict is two printings of one outcome that differ (`check_conflicts`), or a report's text that
    contradicts its table (`check_text_against_tables`), with no decision on either row (`facts.decisions`):
    which value is right is not known, so both are contested, and so is any conclusion drawn from one.
    """
    from vsslib.facts.decisions import decided_rows, printed

    columns = [*KEY, *PRINTED_LINE, "vintage", "table", "value", "precision", "uom", "source_text"]
    extra = [c for c in ("printed_value", "decision") if c in facts]
    key = _digest(facts[[*dict.fromkeys(columns + extra)]]) + (_digest(stated) if stated is not None else "")
    if key in _CONTESTED:
        return _CONTESTED[key]
    as_printed = printed(facts)
    found = check_conflicts(as_printed) + (check_text_against_tables(as_printed, stated) if stated is not None else [])
    decided = decided_rows(facts) if "decision" in facts else {}
    out: dict[tuple[str, int, float], list[Contest]] = {}
    for f in found:
        if f.check not in OPEN_CONFLICTS or {(f.report_id, f.source_line), (f.other_report, f.other_line)} & set(
            decided
        ):
            continue
        text = f.check == "text"
        out.setdefault((f.report_id, f.source_line, f.printed), []).append(
            Contest(f.expected, f.other_report, f.other_line, text)
        )
        if not text:
            out.setdefault((f.other_report, f.other_line, f.expected), []).append(
                Contest(f.printed, f.report_id, f.source_line, False)
            )
    _CONTESTED[key] = out
    return out


def _digest(rows: pd.DataFrame) -> str:
    return hashlib.sha256(
        pd.util.hash_pandas_object(rows.reset_index(drop=True), index=True).to_numpy().tobytes()
        + "\0".join(map(str, rows.columns)).encode()
    ).hexdigest()


def within_report(rows: pd.DataFrame, key: str | None = None) -> list[Finding]:
    """The arithmetic checks of one report's facts, remembered by the rows' content.

    Every arithmetic check looks inside one report only, so a report's findings depend on its rows alone:
    a page of any later period, or the fork server before any notebook runs, reuses them (the build does
    this work once per report, not once per report and period). Keyed by a hash of the rows themselves,
    an entry can never stand for other data.
    """
    key = key or _digest(rows)
    if key not in _WITHIN:
        _WITHIN[key] = [f for check in ARITHMETIC for f in check(rows)]
    return list(_WITHIN[key])


def conflicts(facts: pd.DataFrame, digests: dict[str, str]) -> list[Finding]:
    """`check_conflicts`, taken from an earlier run over more reports where that gives the same answer.

    A conflict is a printing that differs from the *first* printing of the same fact, so the conflicts among
    the reports up to a vintage are those of a larger set of reports that name a report up to that vintage —
    provided every report up to it is in both, with the same rows (`digests`, per report). The fork server
    runs this over all reports once; a page of any period then filters instead of comparing again.
    """
    vintages = dict(zip(facts.report_id, facts.vintage, strict=True))
    last = max(vintages.values(), default="")
    for known_digests, known_vintages, found in _CONFLICTS:
        earlier = {r for r, v in known_vintages.items() if v <= last}
        if earlier == set(digests) and all(known_digests[r] == digests[r] for r in earlier):
            return [f for f in found if known_vintages[f.report_id] <= last]
    found = check_conflicts(facts)
    _CONFLICTS[:] = [*_CONFLICTS[-7:], (digests, vintages, found)]  # a few sets of reports, not every one seen
    return list(found)


def run_checks(facts: pd.DataFrame, stated: pd.DataFrame | None = None) -> list[Finding]:
    """All checks, in a stable order: arithmetic within reports, then agreement between printings.

    `stated`: amounts the reports state in prose (`annotations.load_text_amounts`), checked against tables.
    """
    reports = {str(report): rows for report, rows in facts.groupby("report_id", sort=True)}
    digests = {report: _digest(rows) for report, rows in reports.items()}
    findings = [f for report, rows in reports.items() for f in within_report(rows, digests[report])]
    findings += conflicts(facts, digests)
    findings += check_outliers(facts)
    if stated is not None:
        findings += check_text_against_tables(facts, stated)
    return sorted(
        findings,
        key=lambda f: (f.check in BETWEEN, f.report_id, f.source_line, f.check, f.what),
    )
