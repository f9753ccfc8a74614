"""The contract's vocabularies as data: canonical units with their printed aliases, items, units of measure.

Matching is done on folded text (see :func:`vsslib.extract.text.fold`) with rapidfuzz, so OCR spellings such
as 'Linkdping', 'Loneservice' or 'Upphandling & inkop' map to the canonical names.
"""

from __future__ import annotations

import re
from functools import cache

from rapidfuzz import fuzz, process

from vsslib.extract.text import fold

UNIT_ALIASES: dict[str, dict[str, tuple[str, ...]]] = {
    "VSS": {
        "VSS ledning och stab": ("VSS ledning och stab", "VSS ledning", "Ledning och stab"),
        "Ekonomiservice": ("Ekonomiservice",),
        "HR-service": ("HR-service", "HR service"),
        "HR-direkt": ("HR-direkt", "HR direkt"),
        "Kontakt Linköping": ("Kontakt Linköping",),
        "Stadsarkivet": ("Stadsarkivet", "Stadsarkiv"),
        "LKDATA": ("LKDATA", "LK Data"),
        "Upphandling och inköp": ("Upphandling och inköp", "Upphandling & inköp", "Upphandling inköp"),
        "Skyddslager Covid-19": ("skyddslager Covid-19",),
        "eLärandeCenter": ("eLärandeCenter", "e-lärande center", "eLärandeCentrum", "e-lärandecenter"),
        "Löneservice": ("Löneservice",),
    },
    "KS": {
        "Kommunövergripande": ("Kommunövergripande",),
        "Administration": ("Administration",),
        "Säkerhet inkl. räddningstjänst": ("Säkerhet inkl. räddningstjänst", "Säkerhet och räddningstjänst"),
        "Mark- och översiktsplanering": ("Mark- och översiktsplanering", "Mark och översiktsplanering"),
        "Näringsliv": ("Näringsliv",),
        "Ekonomi": ("Ekonomi",),
        "Marknadsföring och kommunikation": ("Marknadsföring och kommunikation",),
        "Hållbarhet": ("Hållbarhet",),
        "Flyktingsamordning": ("Flyktingsamordning",),
        "Arbetsmarknad och etablering": ("Arbetsmarknad och etablering",),
        "Personal": ("Personal",),
        "Digitalisering/IT-verksamhet": ("Digitalisering/IT-verksamhet", "Digitalisering"),
        "Nämndens verksamhet": ("Nämndens verksamhet",),
    },
}

# (pattern on the folded label, item, uom, default unit or None for the organ). First match wins.
ITEMS: tuple[tuple[str, str, str, str | None], ...] = (
    (r"^(summa )?verksamhetens nettokostnader$|^summa( netto\w*( tkr)?)?$", "resultat", "tkr", None),
    (r"^forvaltningens resultat( tkr)?$", "resultat", "tkr", None),  # the indicator 'Förvaltningens resultat tkr'
    (r"^varav kostnader$", "kostnader", "tkr", None),
    (r"^varav intakter$", "intäkter", "tkr", None),
    (r"^investeringar netto$|^summa investeringar$", "investeringar netto", "tkr", None),
    (r"varav chatt", "ärenden chatt", "antal", "Kontakt Linköping"),
    (r"^(antal )?arenden\b|^arendevolym", "ärenden", "antal", None),
    (r"rekryteringar", "rekryteringar", "antal", "HR-service"),
    (r"e ?utbildningar", "e-utbildningar", "antal", "eLärandeCenter"),
    (r"^antal upphandlingar$", "upphandlingar", "antal", "Upphandling och inköp"),
    (r"^(antal )?tillsvidare ?anst", "tillsvidareanställda", "antal", None),
    (r"^(antal )?arsarbetare", "årsarbetare", "antal", None),
    (r"^total sjukfranvaro", "sjukfrånvaro", "procent", None),
    (
        r"^extern personalomsattning|^personalavgangar externt|^andel avgangar externt|^personalomsattning",
        "personalomsättning",
        "procent",
        None,
    ),
)

# every item the contract names: the table rows' and the investment projects' split
CONTRACT_ITEMS = frozenset({item for _, item, _, _ in ITEMS} | {"investeringar utgifter", "investeringar inkomster"})


def item_uom(item: str) -> str:
    """The unit of measure of a contract item ('resultat': tkr, 'ärenden': antal)."""
    return next((uom for _, name, uom, _ in ITEMS if name == item), "tkr")


# units of measure for indicator rows kept under their printed name: (pattern on folded label, uom)
UOMS: tuple[tuple[str, str], ...] = (
    (r"\btkr\b", "tkr"),
    (r"%|\bandel\b|procent|franvaro|omsattning|overtid|mertid|heltid|trohet|svarsservice|tappade", "procent"),
    (r"\bkr\b", "kr"),
    (r"dagar", "dagar"),
    (r"index|\bhme\b|\bavi\b|jamix|\bavd\b", "index"),
    (r"alder", "år"),
    (r"balanstal|kvot", "kvot"),
    (r"mognad", "skala"),
)
# a unit printed after a label's last comma: 'Yta per plats, administrativa lokaler, kvm', '…, kg/person'
_TAIL_UNIT = re.compile(r",\s*(kr(/\w+)?|år|kvm|kg/\w+|\w+/inv|antal/[\d ]+ inv)\s*\.?$", re.IGNORECASE)
SUB_ROW_DETAILS = {"man": "män", "main": "män", "maan": "män", "min": "män", "kvinnor": "kvinnor", "unga": "unga"}


@cache
def _alias_table(organ: str) -> tuple[tuple[str, str], ...]:
    return tuple((fold(alias), unit) for unit, aliases in UNIT_ALIASES[organ].items() for alias in aliases)


def match_unit(label: str, organ: str, cutoff: float = 85) -> str | None:
    """The canonical unit a whole label names ('Kontakt Linkdping*' -> 'Kontakt Linköping'), or None."""
    key = fold(re.sub(r"\(.*?\)", "", label)).lstrip("- ")
    if not key:
        return None
    table = _alias_table(organ)
    found = process.extractOne(key, [a for a, _ in table], scorer=fuzz.ratio, score_cutoff=cutoff)
    return table[found[2]][1] if found else None


def find_unit(label: str, organ: str, cutoff: float = 86) -> str | None:
    """A unit named somewhere inside a label ('Ärenden LKDATA support' -> 'LKDATA'), or None.

    Compares each alias with the label's runs of as many whole words, so that 'Personal' is not
    found in 'Personalomsättning' but OCR's 'Kontakt Linkdping' still is.
    """
    words = fold(label).split()
    best: tuple[float, int, str] | None = None
    for alias, unit in _alias_table(organ):
        size = len(alias.split())
        if len(alias) < 5:
            continue
        for start in range(len(words) - size + 1):
            score = fuzz.ratio(alias, " ".join(words[start : start + size]))
            if score >= cutoff and (best is None or (score, len(alias)) > best[:2]):
                best = (score, len(alias), unit)
    return best[2] if best else None


def match_item(label: str) -> tuple[str, str, str | None] | None:
    """(item, uom, default unit) for a label the contract names, else None."""
    key = fold(re.sub(r"\((inkl|exkl)[^)]*\)", "", label))
    for pattern, item, uom, unit in ITEMS:
        if re.search(pattern, key):
            return item, uom, unit
    return None


def guess_uom(label: str, percent_printed: bool) -> str:
    """The unit of measure of an indicator kept under its printed name."""
    key = label.lower().replace("%", " % ")
    scale = re.search(r"\((\d+)\s*-\s*(\d+)\)", key)
    if scale:
        return f"skala {scale.group(1)}-{scale.group(2)}"
    if percent_printed or "%" in key:
        return "procent"
    tail = _TAIL_UNIT.search(label.strip())
    if tail:
        unit = tail.group(1)
        return "kr" if unit.lower().startswith("kr") else unit  # amounts per inhabitant printed in kr stay kr
    folded = fold(key)
    for pattern, uom in UOMS:
        if re.search(pattern, folded):
            return uom
    return "antal"


def sub_row_detail(label: str) -> str | None:
    """'Män'/'Kvinnor' (and OCR 'Main', 'Maén') as the contract's detail, else None."""
    return SUB_ROW_DETAILS.get(fold(label).replace(" ", ""))
