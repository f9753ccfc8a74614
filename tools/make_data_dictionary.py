"""Write data/DATA_DICTIONARY.md from the contract's one declaration (`vsslib.contract`) and the vocabularies.

Usage: python tools/make_data_dictionary.py [--check]   (--check: exit 1 if the committed file is not current;
tests/unit/test_data_dictionary.py runs it so in CI).
"""

from __future__ import annotations

import sys
from pathlib import Path

from vsslib.contract import FACT_FIELDS, MEASURES, ORGANS, TABLE_NAMES, TARGET_FIELDS, Field
from vsslib.extract.vocabulary import ITEMS, UNIT_ALIASES

DICTIONARY = Path(__file__).resolve().parents[1] / "data" / "DATA_DICTIONARY.md"


def _rule(field: Field) -> str:
    """A field's rule in words."""
    rules = []
    if field.values:
        rules.append("one of " + ", ".join(f"`{v}`" if v else "empty" for v in field.values))
    if field.pattern:
        rules.append("matches `" + field.pattern.replace("|", "\\|") + "`")  # a table cell: its bar escaped
    if field.low is not None and field.high is not None:
        rules.append(f"from {field.low:g} to {field.high:g}")
    elif field.low is not None:
        rules.append(f"at least {field.low:g}")
    if field.positive:
        rules.append("greater than 0")
    if field.filled:
        rules.append("never empty")
    if field.nullable:
        rules.append("may be empty")
    return "; ".join(rules)


def _table(fields: tuple[Field, ...]) -> list[str]:
    lines = ["| column | type | Swedish header | meaning | rule |", "|---|---|---|---|---|"]
    lines += [f"| `{f.name}` | {f.dtype} | {f.header} | {f.meaning} | {_rule(f)} |" for f in fields]
    return lines


def text() -> str:
    """The dictionary as Markdown (deterministic: the same contract gives the same bytes)."""
    units = {organ: sorted(aliases) for organ, aliases in UNIT_ALIASES.items()}
    items = sorted({(item, uom) for _, item, uom, _ in ITEMS})
    lines = [
        "# Data dictionary",
        "",
        "Generated from `vsslib/contract.py` and `vsslib/extract/vocabulary.py` by",
        "`python tools/make_data_dictionary.py`; do not edit by hand (a test checks it is current). The external",
        "specification is `../shared/DATA_CONTRACT.md`;",
        'the decisions where it is silent are in the README ("Decisions where the contract is silent").',
        "",
        "## `data/extracted/facts.csv`: one row per printed number",
        "",
        *_table(FACT_FIELDS),
        "",
        "Sorted by report, line, table, unit, item, detail, measure, year and month; byte-identical on re-extraction;",
        "its sha256 is in `facts.meta.json` and every load verifies it. A controller's decision (`data/decisions/`)",
        "replaces `value` on load; what was printed stays in `printed_value`.",
        "",
        "## `data/extracted/targets.csv`: one row per printed target (Målvärde) cell",
        "",
        *_table(TARGET_FIELDS),
        "",
        "A bare-number target is also a `målvärde` fact. A cell of no known form keeps its text with an empty",
        "comparator and no number (and `vss extract` warns); a missing marker (`-`, `IU`) makes no row.",
        "",
        "## Tables",
        "",
        "| table | what a reader calls it |",
        "|---|---|",
        *[f"| `{name}` | {words} |" for name, words in TABLE_NAMES.items()],
        "",
        "## Measures and organs",
        "",
        "Measures: " + ", ".join(f"`{m}`" for m in MEASURES) + ". Organs: " + ", ".join(f"`{o}`" for o in ORGANS) + ".",
        "A `prognos` or `målvärde` is always for the whole year (`ref_month` 12); an `avvikelse` or `förändring`",
        "takes the period of the newest outcome or forecast beside it.",
        "",
        "## Units (verksamheter) by organ",
        "",
        *[f"- **{organ}**: " + ", ".join(names) for organ, names in units.items()],
        "",
        "## Items the contract names, with their unit of measure",
        "",
        "| item | uom |",
        "|---|---|",
        *[f"| `{item}` | {uom} |" for item, uom in items],
        "",
        "An indicator the contract does not name keeps its printed name as `item`; its unit of measure is read",
        "from the label (`%`, andel → procent; `(0-5)` → skala 0-5; index, dagar, kr, år; else antal).",
        "",
        "## Sign of `resultat`",
        "",
        "Positive is a surplus. A table that prints net cost (its `avvikelse` equals budget − outcome, or its total",
        "equals kostnader − intäkter) is negated; without such evidence KS prints net cost and VSS prints results.",
        "",
    ]
    return "\n".join(lines)


def main() -> int:
    """Write the dictionary, or with --check say whether the committed one is current (exit 1 if not)."""
    wanted = text()
    if "--check" in sys.argv[1:]:
        current = DICTIONARY.read_text(encoding="utf-8") if DICTIONARY.exists() else ""
        if current != wanted:
            print(f"{DICTIONARY} is not current: run python tools/make_data_dictionary.py", file=sys.stderr)
            return 1
        return 0
    DICTIONARY.write_text(wanted, encoding="utf-8")
    print(f"wrote {DICTIONARY}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
