"""OCR and PDF damage to indicator names repaired to the name a clean report prints (rapidfuzz)."""

from __future__ import annotations

from rapidfuzz import fuzz, process

from vsslib.extract.text import fold


def repair_indicator_names(facts: list[dict], clean_reports: set[str]) -> None:
    """Give an indicator name damaged by OCR or PDF wrapping the name a clean report prints for it.

    'Mertid dvertid' -> 'Mertid övertid', 'Hållbart medarbetarengagema ng (HME)' -> 'Hållbart
    medarbetarengagemang (HME)'. Only close matches (rapidfuzz ratio >= 90 on folded text) are repaired,
    of the whole name or of its tail.
    """
    reference = sorted({f["item"] for f in facts if f["table"] == "indikatorer" and f["report_id"] in clean_reports})
    folded = [fold(name) for name in reference]
    repaired: dict[str, str] = {}
    for fact in facts:
        if fact["table"] != "indikatorer" or fact["report_id"] in clean_reports or fact["item"] in reference:
            continue
        if fact["item"] not in repaired:
            repaired[fact["item"]] = _closest_name(fact["item"], reference, folded)
        fact["item"] = repaired[fact["item"]]


def _closest_name(name: str, reference: list[str], folded: list[str]) -> str:
    """The clean name for a damaged one: the whole name, else its tail ('God service Kundnaojdhet' -> 'Kundnöjdhet').

    OCR prints the goal before the indicator on the same line, so leading words are dropped one by one.
    """
    words = name.split()
    for start in range(len(words)):
        found = process.extractOne(fold(" ".join(words[start:])), folded, scorer=fuzz.ratio, score_cutoff=90)
        if found:
            return reference[found[2]]
    return name
