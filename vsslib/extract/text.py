"""Text clean-up shared by the readers: markup removal and OCR-tolerant folding for matching."""

from __future__ import annotations

import re
import unicodedata

_TAGS = re.compile(r"<sup>.*?</sup>|</?[a-zA-Z][^>]*>")
_MARKDOWN = re.compile(r"^\s*(#+\s*|\\?\*+|\.\.\\?\*+)|(\\?\*+)\s*$")
_FOLD = str.maketrans(
    {"å": "a", "ä": "a", "á": "a", "à": "a", "é": "a", "è": "a", "ö": "o", "ø": "o", "ü": "u", "–": "-", "—": "-"}
)


def strip_markup(text: str) -> str:
    """Drop HTML tags (and <sup> footnote numbers), markdown emphasis and heading marks."""
    text = _TAGS.sub("", text).replace("\\*", "*")
    text = _MARKDOWN.sub("", text)
    return re.sub(r"\s+", " ", text).strip()


def clean_label(text: str) -> str:
    """A printed label as a reader would write it: markup, footnote stars and stray OCR bars gone."""
    text = strip_markup(text).replace("|", " ")
    text = re.sub(r"\*+", "", text)
    text = re.sub(r"(\w)- (?!(och|eller|samt)\b)(\w)", r"\1-\3", text)  # 'IT- utrustning' -> 'IT-utrustning'
    text = re.sub(r"\s+", " ", text).strip(" .:;")
    return text


def fold(text: str) -> str:
    """Lower-case, accents and OCR substitutions folded ('Linkdping' ~ 'linkoping'), punctuation gone."""
    text = text.lower().translate(_FOLD)
    text = re.sub(r"(?<=[a-z])6(?=[a-z])", "o", text)
    text = re.sub(r"(?<=[a-z])&(?=[a-z])", "a", text)
    text = re.sub(r"[^a-z0-9%/]+", " ", text)
    return text.strip()


def is_italic(raw: str) -> bool:
    """True for a row printed in italics (<i>…</i> on its label), the reports' mark of a sub-row."""
    return raw.lstrip("\t ").startswith("<i>")


_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe63\uff0d"
_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"))  # soft hyphen, zero widths


def normalise(text: str) -> str:
    """Text as every reader expects it, whatever program produced it.

    Unicode compatibility forms are folded (ligatures 'ﬂ' -> 'fl', no-break, thin and figure spaces ->
    space, full-width digits), soft hyphens and zero-width characters dropped, and a dash of the dash
    family standing for a sign (before a digit, not between two) becomes '-'. Line ends are kept.
    """
    text = unicodedata.normalize("NFKC", text).translate(_INVISIBLE)
    text = re.sub(rf"(?<![\w])[{_DASHES}](?=\d)", "-", text)
    return re.sub(r"[^\S\n\t]", " ", text)
