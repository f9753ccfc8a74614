"""Prose for readers: sentences, notes, labels and quotes, every piece of text escaped (never markup)."""

from __future__ import annotations

import html

from vsslib.pages.tables import cite, register, show, sources

__all__ = ["bullets", "cite", "labelled", "note", "paragraph", "quote", "register", "show", "sources", "text"]


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
