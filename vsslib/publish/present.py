"""Tables for readers: Swedish headers and numbers formatted as the reports print them."""

from __future__ import annotations

import html
import re
from collections.abc import Hashable
from typing import Any

import pandas as pd

from vsslib.facts.contract import TABLE_NAMES
from vsslib.publish import formatting as fmt

HEADERS = {
    "unit": "Verksamhet",
    "item": "Post",
    "detail": "Delpost",
    "ref_year": "År",
    "horizon": "Prognostillfälle",
    "forecast_vintage": "Prognos från",
    "forecast": "Prognos",
    "outcome": "Utfall",
    "outcome_vintage": "Utfall från",
    "error": "Fel (prognos − utfall)",
    "n": "Antal",
    "mae": "Medelabsolutfel",
    "bias": "Medelfel",
    "turnover": "Omsättning (kostnader)",
    "turnover_basis": "Omsättning enligt",
    "share": "Fel i andel av omsättning",
    "value": "Värde",
    "measure": "Mått",
    "vintage": "Rapport",
    "stage": "Steg",
    "ref_month": "Månad",
    "unit_value": "Verksamheten",
    "organ_value": "Förvaltningen",
    "basis": "Underlag",
    "share_apr": "Andel april",
    "share_aug": "Andel augusti",
    "full_year": "Helårsresultat",
    "as_of": "Per",
    "method": "Metod",
    "official": "Officiell prognos",
    "chat": "Chatt",
    "cases": "Ärenden",
    "chat_share": "Andel chatt",
    "check": "Kontroll",
    "severity": "Typ",
    "report_id": "Rapport",
    "source_line": "Rad",
    "source_text": "Tryckt rad",
    "what": "Vad",
    "printed": "Tryckt",
    "expected": "Förväntat",
    "difference": "Skillnad",
    "table": "Tabell",
    "facts": "Antal fakta",
    "printed_name": "Tryckt namn",
    "first_line": "Första rad",
    "uom": "Enhet",
    "assumption": "Antagande",
    "skipped": "Ej använd därför att",
    "years": "År",
    "status": "Status",
    "note": "Anmärkning",
    "months": "Öppna månader",
    "per_month": "Per öppen månad",
    "target": "Målvärde",
    "share_of_organ": "Andel av förvaltningens resultat",
    "estimate": "Skattat helår",
    "low": "Lägst",
    "high": "Högst",
}
UOM_NAMES = {"tkr": "tkr", "antal": "antal", "procent": "%", "kr": "kr", "dagar": "dagar"}
PRINTED_COLUMNS = {"source_text", "printed_name"}  # report text as printed: shown as is, in the page's quote style
CHECK_NAMES = {
    "sum": "summa",
    "avvikelse": "avvikelse",
    "förändring": "förändring",
    "intäkter-kostnader": "intäkter − kostnader",
    "ekonomi-drift": "sammanfattning",
    "conflict": "konflikt",
    "revision": "revision",
    "text": "text mot tabell",
}
SEVERITY_NAMES = {"error": "fel", "convention": "konvention"}
NUMBER_COLUMNS = {
    "forecast",
    "outcome",
    "error",
    "mae",
    "bias",
    "turnover",
    "value",
    "unit_value",
    "organ_value",
    "full_year",
    "official",
    "chat",
    "cases",
    "printed",
    "expected",
    "difference",
    "estimate",
    "low",
    "high",
    "per_month",
    "target",
}
PERCENT_COLUMNS = {"share", "share_apr", "share_aug", "chat_share", "share_of_organ"}


def _number(value: Any) -> str:
    if value is None or value != value:  # missing, or NaN
        return ""
    number = float(value)
    return fmt.number(number, 0 if number.is_integer() or abs(number) >= 100 else 1)


def swedish_table(df: pd.DataFrame, columns: list[str] | None = None, unit: str | None = None) -> pd.DataFrame:
    """A copy for display: chosen columns, Swedish headers, numbers as '12 976', shares as '4,6 %'.

    `unit` ('tkr', 'antal') is added to the header of every amount column; a table whose rows differ in
    unit shows its `uom` column instead ('Enhet').
    """
    shown = df[columns] if columns else df.copy()
    out = pd.DataFrame(index=shown.index)
    for column in shown.columns:
        values = shown[column]
        if column in NUMBER_COLUMNS:
            values = values.map(_number)
        elif column == "check":
            values = values.map(lambda v: CHECK_NAMES.get(v, v))
        elif column == "severity":
            values = values.map(lambda v: SEVERITY_NAMES.get(v, v))
        elif column == "table":
            values = values.map(lambda v: TABLE_NAMES.get(v, v))
        elif column == "uom":
            values = values.map(lambda v: UOM_NAMES.get(v, v))
        elif column in PRINTED_COLUMNS:
            values = values.map(printed_row)
        elif column in PERCENT_COLUMNS:
            values = values.map(lambda v: fmt.percent(v) if v == v and v is not None else "")
        out[_header(column, unit)] = values
    return out.reset_index(drop=True)


def printed_row(text: object) -> str:
    """A printed row as a reader sees it in the report: markup gone, cells apart ('LKDATA │ 6 113 │ 1 425')."""
    plain = re.sub(r"</?[a-zA-Z][^>]*>", "", str(text))
    return " │ ".join(cell.strip() for cell in plain.split("\t") if cell.strip())


def _header(column: str, unit: str | None) -> str:
    header = HEADERS.get(column, column)
    return f"{header} ({unit})" if unit and column in NUMBER_COLUMNS else header


def show(df: pd.DataFrame, columns: list[str] | None = None, unit: str | None = None):
    """A table for the notebook: Swedish headers and numbers, no row index, numbers right-aligned.

    Report text (`source_text`) is marked as printed text (class 'printed'), so that the page keeps it as
    the report printed it.
    """
    table = swedish_table(df, columns, unit)
    chosen = columns or list(df.columns)
    numeric: list[Hashable] = [_header(c, unit) for c in chosen if c in NUMBER_COLUMNS | PERCENT_COLUMNS]
    printed = [_header(c, unit) for c in chosen if c in PRINTED_COLUMNS]
    style = {"text-align": "right", "white-space": "nowrap"}
    classes = pd.DataFrame("", index=table.index, columns=table.columns)
    for header in printed:
        classes[header] = "printed"
    return (
        table.style.hide(axis="index")
        .format(escape="html")
        .set_properties(subset=numeric, **style)
        .set_td_classes(classes)
    )


def text(value: object) -> str:
    """Report text made safe for Markdown and HTML: tags shown as text, never run."""
    return html.escape(str(value), quote=False)


def bullets(sentences: list[str]):
    """An HTML bullet list of sentences, escaped: text from reports is shown as text, never as links or markup."""
    from IPython.display import HTML

    return HTML("<ul>" + "".join(f"<li>{text(s)}</li>" for s in sentences) + "</ul>")


def note(sentence: str):
    """An italic note (a sentence with '*' around it is taken as such), escaped."""
    from IPython.display import HTML

    return HTML(f"<p><em>{text(sentence.strip().strip('*'))}</em></p>")


def paragraph(sentence: str):
    """A plain paragraph, escaped."""
    from IPython.display import HTML

    return HTML(f"<p>{text(sentence)}</p>")


def labelled(pairs: dict[str, object]):
    """'Label: value · Label: value' with bold labels, every value escaped."""
    from IPython.display import HTML

    return HTML("<p>" + " · ".join(f"<strong>{text(k)}:</strong> {text(v)}" for k, v in pairs.items()) + "</p>")


def quote(words: str, report_id: str, line: int, ocr: bool = False, label: str | None = None):
    """A report's words as printed, in Swedish quotation marks (”…”), with report and line.

    A quote from an OCR'd report keeps its misreadings and says so, so that 'dirmed' is not taken for ours.
    """
    from IPython.display import HTML

    lead = f"<strong>{text(label)}:</strong> " if label else ""
    flag = ' <span class="ocr">(OCR-läst text, återgiven som den lästes)</span>' if ocr else ""
    return HTML(
        f'<p class="quote">{lead}<span class="printed">”{text(words)}”</span> '
        f"<cite>({text(report_id)}, rad {int(line)})</cite>{flag}</p>"
    )
