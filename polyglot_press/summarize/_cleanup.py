"""News furniture and sentence repair: what a body looks like before any algorithm ranks it.

News as it is scraped or distributed carries text that is not prose: bylines and time stamps
(``By . Staff Reporter . PUBLISHED: . 09:30 EST, 2 March 2025 .``), an agency dateline
(``LONDON (CNN) --``), "Scroll down for video", "READ MORE: ..." and "Lire aussi" links, and photo
captions run into the text (``Mr Smith (left) with his wife .``, ``Proud day: Jane Roe at the
plant.``). A caption whose line break was lost is glued to the next sentence
(``... on the line (pictured) Workers said ...``).

:func:`body_sentences` drops the sure furniture, strips agency datelines and splits glued
captions off; :func:`caption_likeness` tells the default scorer how much a remaining sentence
looks like a caption, so that it is demoted rather than removed (a release may legitimately say
``Production: 800 vans a day.``). Every sentence returned is a substring of the input, so a
summary stays extractive.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from polyglot_press.summarize._tokenizer import SumyTokenizer

# Whole sentences that are never prose: reader prompts and link furniture, in English and French.
_FURNITURE = re.compile(
    r"(?:scroll\s+down\b|read\s+more\b|see\s+more\b|more\s+on\s+this\b|click\s+here\b"
    r"|(?:watch|see)\s+(?:the\s+)?video\b|video\s*:|share\s+this\b|sorry,?\s+we\s+are\s+not"
    r"|follow\s+[@\w .]{1,40}\s+on\s+(?:twitter|facebook|instagram)"
    r"|(?:à\s+|a\s+)?lire\s+(?:aussi|également|egalement)\b|voir\s+aussi\b|cliquez\s+ici\b"
    r"|découvrez\s+(?:aussi|également)\b|crédits?\s+photos?\b|photo\s*:|©)",
    re.IGNORECASE,
)
# Furniture that may only open a sentence ("READ MORE: ..." can be a long link title).
_FURNITURE_OPENING = re.compile(
    r"^(?:read\s+more|related|more\s+on|see\s+also|à\s+lire|a\s+lire|lire\s+aussi)\s*:",
    re.IGNORECASE,
)
_STAMP = re.compile(
    r"^(?:(?:last\s+)?(?:published|updated|modified)(?:\s+at|\s+on)?\s*:?"
    r"|mis\s+à\s+jour\b|publié\s+le\b"
    r"|\d{1,2}[:h]\d{2}\s*(?:[ap]\.?m\.?)?\s*(?:[A-Z]{2,4}\b)?,?\s*(?:on\s+)?\d{1,2}\w{0,2}\s+\w+\s+\d{4}"
    r"|[|•·/\\-]+\s*\.?$)",
    re.IGNORECASE,
)
_BYLINE = re.compile(r"^(?:by|par|from)\b\s*\.?$", re.IGNORECASE)
# A byline's continuation: "and John Doe ." after "By . Jane Roe .".
_BYLINE_CONTINUATION = re.compile(r"^(?:and|et|with)\s+\S", re.IGNORECASE)
# "LONDON, England (CNN) -- " or "WASHINGTON (Reuters) - " opening a story.
_AGENCY_DATELINE = re.compile(
    r"^(?:[A-Z][\w.'’-]*(?:[ ,]+[A-Z][\w.'’-]*){0,4}\s*)?"
    r"\((?:CNN|AP|AFP|Reuters|Bloomberg|UPI|dpa|Xinhua|Yonhap|PA|ANSA|EFE)\)\s*(?:--|[–—-])?\s*"
)
# Where a photo caption points at its picture.
_PHOTO_MARKER = re.compile(
    r"\((?:pictured|picture|photo|photographed|left|right|centre|center|above|below|top"
    r"|bottom|inset|file(?:\s+(?:photo|picture|image))?|second\s+(?:left|right)"
    r"|far\s+(?:left|right)|front|back|middle|main(?:\s+picture)?|à\s+gauche|à\s+droite"
    r"|au\s+centre|ci-dessus|ci-dessous)\b[^()]{0,60}\)",
    re.IGNORECASE,
)
# A caption glued to the next sentence: "(pictured) Workers said".
_GLUED_AFTER_MARKER = re.compile(_PHOTO_MARKER.pattern + r"(?=\s+(?-i:[A-Z][a-z]))", re.IGNORECASE)
# "..., pictured left, ..." or "..., above, ...": the same pointer between commas.
_PHOTO_ASIDE = re.compile(
    r",\s*(?:(?:pictured|photographed|seen)(?:\s+\w+){0,3}|above|below|left|right|centre|center"
    r"|top|bottom|inset|(?:second|far)\s+(?:left|right))\s*[,.]",
    re.IGNORECASE,
)
# "Proud day: Jane Roe ..." or "On the line: the first van ...": a caption's label. A
# reporting verb before the colon makes it a quotation's attribution instead.
_LABEL = re.compile(r"^[A-Z][^\s:]*(?:\s+[^\s:]+){0,3}:\s+\S")
_REPORTING = re.compile(
    r"\b(?:said|says|say|told|tells|added|adds|wrote|writes|explained|explains|insisted"
    r"|warned|claimed|declared|stated|announced|asked|replied|a\s+dit|déclare|explique|ajoute"
    r"|précise|affirme|indique|souligne)\b",
    re.IGNORECASE,
)
# How far into a sentence an agency dateline may end.
_DATELINE_REACH = 80
_LETTER = re.compile(r"[^\W\d_]")


def body_sentences(paragraphs: Iterable[str], tokenizer: SumyTokenizer) -> list[list[str]]:
    """The sentences of each paragraph, without furniture, agency datelines or glued captions.

    Paragraphs left without sentences are dropped. If nothing at all is left, the sentences
    are returned as the tokenizer split them: a brief of furniture beats no brief.
    """
    split = [[s for s in tokenizer.to_sentences(p) if s.strip()] for p in paragraphs]
    cleaned = [sentences for sentences in (_clean(s) for s in split) if sentences]
    if cleaned:
        return cleaned
    return [sentences for sentences in split if sentences]


def _clean(sentences: Sequence[str]) -> list[str]:
    kept: list[str] = []
    in_byline = False
    for raw in sentences:
        for sentence in _split_glued_captions(raw):
            stripped = _strip_agency_dateline(sentence)
            if not stripped:
                continue
            if in_byline and _is_byline_part(stripped):
                continue
            in_byline = bool(_BYLINE.match(stripped))
            if in_byline or is_furniture(stripped):
                continue
            kept.append(stripped)
    return kept


def is_furniture(sentence: str) -> bool:
    """Whether ``sentence`` is a byline, a time stamp, a reader prompt or a link, never prose."""
    text = sentence.strip()
    if not _LETTER.search(text):
        return True
    if _BYLINE.match(text) or _STAMP.match(text) or _FURNITURE_OPENING.match(text):
        return True
    return len(text.split()) <= 12 and _FURNITURE.search(text) is not None


def _is_byline_part(sentence: str) -> bool:
    """A name after ``By .``: a few capitalised words, or ``and`` and a name."""
    # "Jane Roe . and John Doe .": the splitter keeps a detached period before a lowercase word.
    words = [word for word in sentence.split() if word.strip(".|")]
    if not words or len(words) > 8:
        return False
    if _BYLINE_CONTINUATION.match(sentence):
        return True
    return all(word[0].isupper() or word.lower() in ("for", "and", "in", "et") for word in words)


def _strip_agency_dateline(sentence: str) -> str:
    if "(" not in sentence[:_DATELINE_REACH]:
        return sentence
    match = _AGENCY_DATELINE.match(sentence)
    return sentence[match.end() :].strip() if match else sentence


def _split_glued_captions(sentence: str) -> list[str]:
    """``... on the line (pictured) Workers said ...`` as two sentences, split after the marker."""
    if "(" not in sentence:
        return [sentence]
    pieces: list[str] = []
    start = 0
    for match in _GLUED_AFTER_MARKER.finditer(sentence):
        pieces.append(sentence[start : match.end()].strip())
        start = match.end()
    pieces.append(sentence[start:].strip())
    return [piece for piece in pieces if piece]


def caption_likeness(sentence: str) -> float:
    """How much ``sentence`` reads like a photo caption, from 0 (prose) to 1.

    Three signs add up: a detached final period (a line without end punctuation, as captions
    are), a pointer at a picture (``(left)``, ``(pictured)``), and a short label before a colon
    (``Proud day: ...``) that is not a quotation's attribution.
    """
    likeness = 0.0
    if _has_detached_end(sentence):
        likeness += 0.6
    if ("(" in sentence and _PHOTO_MARKER.search(sentence)) or (
        "," in sentence and _PHOTO_ASIDE.search(sentence)
    ):
        likeness += 0.4
    label = _LABEL.match(sentence) if ":" in sentence else None
    if label and not _REPORTING.search(label.group()):
        likeness += 0.4
    return min(likeness, 1.0)


def _has_detached_end(sentence: str) -> bool:
    """``... at the plant .``: a line without end punctuation that got a detached period."""
    body = sentence.rstrip()
    if not body.endswith(".") or body.endswith(".."):
        return False
    before = body[:-1]
    return before != before.rstrip() and not before.rstrip().endswith(".")
