"""Which reports a page rests on, which of the expected ones are missing, and what a missing one prevents.

An organ publishes three reports a year: the interim reports of April and August and the annual report
(verksamhetsberättelse, December). From its first report on, every such vintage up to a page's period is
expected; one that is not in the manifest is named, so that a reader knows what the page could not use.
"""

from __future__ import annotations

from vsslib.extract.manifest import ManifestEntry, read_manifest

REPORT_MONTHS = {4: "delårsrapporten april", 8: "delårsrapporten augusti", 12: "verksamhetsberättelsen"}


def reports(period: str, organ: str | None = None, entries: list[ManifestEntry] | None = None) -> list[ManifestEntry]:
    """The organ's reports (every organ's without one) up to the period, oldest first."""
    known = entries if entries is not None else read_manifest_entries()
    return sorted((e for e in known if e.vintage <= period and organ in (None, e.organ)), key=lambda e: e.vintage)


def read_manifest_entries() -> list[ManifestEntry]:
    """The manifest's reports (checksums not verified: the pages only ask which reports there are)."""
    from vsslib import paths

    return read_manifest(paths.layout().manifest, verify=False)


def missing(period: str, organ: str | None = None, entries: list[ManifestEntry] | None = None) -> list[str]:
    """The vintages (YYYY-MM) expected from the organ's first report up to the period that no report has."""
    have = reports(period, organ, entries)
    if not have:
        return []
    present = {e.vintage for e in have}
    first, last = have[0].vintage, period
    expected = [
        f"{year}-{month:02d}"
        for year in range(int(first[:4]), int(last[:4]) + 1)
        for month in REPORT_MONTHS
        if first <= f"{year}-{month:02d}" <= last
    ]
    return [v for v in expected if v not in present]


def name(vintage: str) -> str:
    """'delårsrapporten augusti 2020', 'verksamhetsberättelsen 2019'."""
    return f"{REPORT_MONTHS[int(vintage[5:])]} {vintage[:4]}"


def sentence(period: str, organ: str | None = None, entries: list[ManifestEntry] | None = None) -> str:
    """What the page rests on: the reports up to its period, and the expected ones that are missing."""
    have = reports(period, organ, entries)
    gaps = missing(period, organ, entries)
    whose = f" för {organ}" if organ else ""
    text = f"Underlag{whose}: {len(have)} rapporter till och med {period} ({', '.join(e.report_id for e in have)})."
    if gaps:
        text += f" Saknas i underlaget: {', '.join(name(v) for v in gaps)}."
    return text
