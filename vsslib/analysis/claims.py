"""Statements that carry their basis: figures are compared only over the same units, years and unit of measure.

A finding on a page is made from `Figure`s, each with the `Basis` it was computed over; `compare` refuses
figures whose bases differ (`UnlikeComparison`), so a sentence can never set a mean over 15 unit-years
against one over 6. Every sentence says its basis (n, years, unit of measure).
"""

from __future__ import annotations

from dataclasses import dataclass

from vsslib import formatting as fmt
from vsslib.errors import VssError


class UnlikeComparison(VssError):
    """Two figures of one comparison rest on different sets, or different units of measure."""


@dataclass(frozen=True)
class Basis:
    """What a figure is computed over: (unit, year) pairs and the unit of measure."""

    pairs: frozenset[tuple[str, int]]
    uom: str

    @property
    def n(self) -> int:
        """How many unit-years."""
        return len(self.pairs)

    @property
    def years(self) -> list[int]:
        """The years, sorted."""
        return sorted({year for _, year in self.pairs})

    def describe(self) -> str:
        """'n = 6 verksamhetsår, 2019, tkr'."""
        return f"n = {self.n} verksamhetsår, {years_text(self.years)}, {self.uom}"


@dataclass(frozen=True)
class Figure:
    """One number of a comparison and its basis."""

    label: str
    value: float
    basis: Basis


def years_text(years: list[int]) -> str:
    """'2019', '2019–2021' (a run), '2019 och 2021'."""
    years = sorted(set(years))
    if not years:
        return "inga år"
    if len(years) == 1:
        return str(years[0])
    if years == list(range(years[0], years[-1] + 1)):
        return f"{years[0]}–{years[-1]}"
    return ", ".join(str(y) for y in years[:-1]) + f" och {years[-1]}"


def common_basis(figures: list[Figure]) -> Basis:
    """The one basis all figures share, or UnlikeComparison naming the difference."""
    bases = {f.basis for f in figures}
    if len(bases) != 1:
        described = "; ".join(f"{f.label}: {f.basis.describe()}" for f in figures)
        raise UnlikeComparison(f"figures over different bases cannot be compared ({described})")
    return bases.pop()


def compare(figures: list[Figure], measure: str) -> str:
    """A sentence setting figures of one basis side by side, ending with that basis (n, years, unit)."""
    basis = common_basis(figures)
    values = ", ".join(f"{_value(f.value, basis.uom)} ({f.label})" for f in figures)
    return f"{measure}: {values} ({basis.describe()})."


def tally(better: int, same: int, worse: int, subject: str, than: str, basis: Basis) -> str:
    """How often one forecast was closer to the outcome than another: better, the same, worse, and the basis."""
    return (
        f"{subject} låg närmare utfallet än {than} i {better} fall, lika nära i {same} och längre ifrån i "
        f"{worse} ({basis.describe()})."
    )


def _value(value: float, uom: str) -> str:
    return fmt.tkr(value) if uom == "tkr" else f"{fmt.number(value)}{fmt.NBSP}{uom}"
