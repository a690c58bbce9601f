"""French names of places and organisations that English writes another way.

The checks accept these as the translation of a name (a shared beginning, ``Mexique``/
``Mexico``, is accepted without an entry), and datelines are translated with them
(:func:`translate_dateline`). Keys are folded: lower case, no accents.
"""

from __future__ import annotations

import re
import unicodedata

from polyglot_press.text._dates import date_spans

__all__ = ["EXONYMS", "translate_dateline"]

EXONYMS: dict[str, tuple[str, ...]] = {
    "allemagne": ("Germany", "German"),
    "angleterre": ("England", "English"),
    "autriche": ("Austria",),
    "belgique": ("Belgium",),
    "bresil": ("Brazil",),
    "chine": ("China", "Chinese"),
    "coree": ("Korea", "Korean"),
    "coree du sud": ("South Korea",),
    "danemark": ("Denmark", "Danish"),
    "ecosse": ("Scotland", "Scottish"),
    "egypte": ("Egypt",),
    "espagne": ("Spain", "Spanish"),
    "etats-unis": ("United States", "US", "U.S.", "USA", "America", "American"),
    "europe": ("Europe", "European"),
    "finlande": ("Finland",),
    "grece": ("Greece", "Greek"),
    "hongrie": ("Hungary",),
    "inde": ("India", "Indian"),
    "irlande": ("Ireland", "Irish"),
    "italie": ("Italy", "Italian"),
    "japon": ("Japan", "Japanese"),
    "maroc": ("Morocco",),
    "norvege": ("Norway",),
    "pays-bas": ("Netherlands", "Dutch", "Holland"),
    "pays de galles": ("Wales", "Welsh"),
    "galles": ("Wales", "Welsh"),
    "pologne": ("Poland", "Polish"),
    "royaume-uni": ("United Kingdom", "UK", "U.K.", "Britain", "British"),
    "russie": ("Russia", "Russian"),
    "suede": ("Sweden", "Swedish"),
    "suisse": ("Switzerland", "Swiss"),
    "tchequie": ("Czechia", "Czech Republic"),
    "turquie": ("Turkey", "Turkish", "Türkiye"),
    "ue": ("EU", "European Union"),
    "union europeenne": ("European Union", "EU"),
    "onu": ("UN", "U.N.", "United Nations"),
    "asie": ("Asia", "Asian"),
    "yougoslavie": ("Yugoslavia", "Yugoslav"),
    "afrique": ("Africa", "African"),
    "amerique": ("America", "American"),
    "otan": ("NATO",),
    "londres": ("London",),
    "pekin": ("Beijing",),
    "seoul": ("Seoul",),
    "varsovie": ("Warsaw",),
    "venise": ("Venice",),
    "moscou": ("Moscow",),
    "munich": ("Munich",),
    "cologne": ("Cologne", "Koln"),
    "geneve": ("Geneva",),
    "bruxelles": ("Brussels",),
    "barcelone": ("Barcelona",),
    "catalogne": ("Catalonia", "Catalan"),
    "basse-californie": ("Baja California",),
    "nouvelle-zelande": ("New Zealand",),
    "afrique du sud": ("South Africa",),
    "arabie saoudite": ("Saudi Arabia", "Saudi"),
    "irak": ("Iraq",),
    "syrie": ("Syria",),
    "liban": ("Lebanon",),
    "mexique": ("Mexico", "Mexican"),
    "indonesie": ("Indonesia", "Indonesian"),
    "australie": ("Australia", "Australian"),
    "canada": ("Canada", "Canadian"),
    "france": ("France", "French"),
    "elysee": ("Elysee", "Élysée"),
    "maison-blanche": ("White House",),
    "maison blanche": ("White House",),
    "la haye": ("The Hague", "Hague"),
    "haye": ("Hague",),
    "croix rouge": ("Red Cross",),
    "croix": ("Cross",),
    "coree du nord": ("North Korea",),
    "corees": ("Koreas",),
    "hambourg": ("Hamburg",),
    "louisiane": ("Louisiana", "La."),
    "californie": ("California", "Calif."),
    "floride": ("Florida", "Fla."),
    "caroline du nord": ("North Carolina",),
    "caroline du sud": ("South Carolina",),
    "virginie": ("Virginia",),
    "georgie": ("Georgia",),
    "pennsylvanie": ("Pennsylvania",),
    "nouvelle-orleans": ("New Orleans",),
    "lisbonne": ("Lisbon",),
    "copenhague": ("Copenhagen",),
    "vienne": ("Vienna",),
    "prague": ("Prague",),
    "athenes": ("Athens",),
    "turin": ("Turin", "Torino"),
    "milan": ("Milan",),
    "stuttgart": ("Stuttgart",),
    "tv": ("TV", "television"),
    "sterling": ("£", "sterling", "pounds", "pound"),
    "daesh": ("ISIS", "ISIL", "IS", "Islamic State"),
    "urss": ("USSR", "Soviet", "Soviet Union", "Soviets"),
    "ouzbekistan": ("Uzbekistan", "Uzbek"),
    "kazakhstan": ("Kazakhstan", "Kazakh"),
    "new york": ("New York", "NYC", "N.Y."),
    "york": ("York", "NYC", "N.Y."),
    "sms": ("SMS", "text", "texts", "message"),
    "croix-rouge": ("Red Cross",),
    "celebes": ("Sulawesi",),
    "ong": ("NGO", "NGOs", "non-governmental", "nongovernmental"),
    "avc": ("stroke",),
    "pdg": ("CEO", "chief executive", "chairman"),
    "pib": ("GDP",),
    "tva": ("VAT",),
    "ia": ("AI",),
    "pme": ("SME", "SMEs", "small business"),
    "bce": ("ECB",),
    "fmi": ("IMF",),
    "oms": ("WHO",),
    "ocde": ("OECD",),
    "rh": ("HR",),
    "pays": ("country", "Wales", "Basque", "Netherlands"),
}


_PLACE_CHUNK = re.compile(r"[^\W\d_][^,–—\-\n]*[^\W\d_]|[^\W\d_]", re.UNICODE)
_ARTICLE = re.compile(r"^(?:le|la|les)$", re.IGNORECASE)


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c)).strip()


def translate_dateline(text: str, source_lang: str, target_lang: str) -> str | None:
    """A dateline (``SÉOUL, CORÉE DU SUD – 9 novembre 2023 -``) translated by rule: the date
    as :func:`~polyglot_press.text.date_spans` writes it, places by :data:`EXONYMS` (in the
    dateline's letter case), other names as written. ``None`` when it holds no date, is not
    French to English, or holds words that are neither places nor names.
    """
    if (source_lang, target_lang) != ("fr", "en"):
        return None
    dates = date_spans(text, source_lang, target_lang)
    if not dates:
        return None
    pieces: list[str] = []
    position = 0
    for span in dates:
        pieces.append(_places(text[position : span.start]))
        pieces.append(span.replacement)
        position = span.end
    pieces.append(_places(text[position:]))
    if any(piece is None for piece in pieces):
        return None
    return "".join(pieces)


def _places(text: str) -> str:
    def place(match: re.Match[str]) -> str:
        chunk = match.group()
        if _ARTICLE.match(chunk):
            return ""
        english = EXONYMS.get(_fold(chunk))
        if english is None:
            return chunk
        return english[0].upper() if chunk.isupper() else english[0]

    return _PLACE_CHUNK.sub(place, text)
