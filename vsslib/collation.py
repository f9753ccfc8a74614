"""Swedish alphabetical order for names a reader sees: a–z, then å, ä, ö; case and accents do not count.

Code-point order puts 'Ärende' before 'Åtgärd' and 'eLärandeCenter' after every capitalised name; Swedish
readers expect 'eLärandeCenter' among the e's and å before ä before ö. The rules are the Swedish alphabet's
(SAOL): é, è, ü and the like sort with their base letter (ü with y), æ with ä and ø with ö.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable

import pandas as pd

# å, ä, ö after z (as the characters after 'z' in ASCII); their Danish and German forms with them
LAST_LETTERS = {"å": "{", "ä": "|", "æ": "|", "ö": "}", "ø": "}", "ü": "y"}


def swedish_key(text: object) -> str:
    """A sort key giving Swedish alphabetical order; ties (case, accents) broken by the text itself."""
    text = str(text)
    letters = []
    for char in text.casefold():
        if char in LAST_LETTERS:
            letters.append(LAST_LETTERS[char])
        else:  # an accent is no letter of its own: é sorts as e
            letters.append("".join(c for c in unicodedata.normalize("NFD", char) if not unicodedata.combining(c)))
    return "".join(letters) + "\0" + text


def swedish_sorted(names: Iterable[object]) -> list:
    """The names in Swedish alphabetical order."""
    return sorted(names, key=swedish_key)


def swedish_column(column: pd.Series) -> pd.Series:
    """`sort_values(key=…)`: a text column's Swedish keys; any other column as it is."""
    if pd.api.types.is_numeric_dtype(column) or pd.api.types.is_bool_dtype(column):
        return column
    return column.map(swedish_key)
