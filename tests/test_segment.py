"""Sentence segmentation."""

from __future__ import annotations

import json
from itertools import islice
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from polyglot_press.text import sentence_spans, split_sentences

SHARED = Path(__file__).parents[2] / "shared"

CASES = [
    # abbreviations and initials
    (
        "fr",
        "M. Leroy arrive demain. Mme Caron part.",
        ["M. Leroy arrive demain.", "Mme Caron part."],
    ),
    (
        "fr",
        "MM. Roux et Blanc signent. Dr Petit confirme.",
        ["MM. Roux et Blanc signent.", "Dr Petit confirme."],
    ),
    (
        "en",
        "Orbit Inc. and Vega Ltd. merged. St. Paul hosts them.",
        ["Orbit Inc. and Vega Ltd. merged.", "St. Paul hosts them."],
    ),
    (
        "en",
        "She quoted J. R. R. Tolkien at length. Then she sat.",
        ["She quoted J. R. R. Tolkien at length.", "Then she sat."],
    ),
    (
        "fr",
        "Voir cf. Annexe 2. Il y a p. ex. des bus.",
        ["Voir cf. Annexe 2.", "Il y a p. ex. des bus."],
    ),
    (
        "en",
        "It opened at 9 a.m. local time. Crowds came.",
        ["It opened at 9 a.m. local time.", "Crowds came."],
    ),
    # numbers
    (
        "fr",
        "Le site produit 300 000 voitures. Il vise 300.000 unités.",
        ["Le site produit 300 000 voitures.", "Il vise 300.000 unités."],
    ),
    (
        "fr",
        "Il a vendu 2,1 millions de véhicules. La part est de 100 %. Bien.",
        ["Il a vendu 2,1 millions de véhicules.", "La part est de 100 %.", "Bien."],
    ),
    # URLs and e-mails
    (
        "fr",
        "Consultez www.lumen.example. Écrivez à anne.roy@lumen.example. Merci.",
        ["Consultez www.lumen.example.", "Écrivez à anne.roy@lumen.example.", "Merci."],
    ),
    # quotations
    (
        "fr",
        "« Nous avançons. Nous livrons. », a-t-elle dit. Fin.",
        ["« Nous avançons. Nous livrons. », a-t-elle dit.", "Fin."],
    ),
    (
        "fr",
        "Elle a dit : « Nous avançons. Nous livrons. » Puis elle est partie.",
        ["Elle a dit : « Nous avançons.", "Nous livrons. »", "Puis elle est partie."],
    ),
    ("en", "“We grow. We hire,” said Ana. Next.", ["“We grow. We hire,” said Ana.", "Next."]),
    # ellipses and French spacing
    (
        "fr",
        "Il hésite… puis signe. Alors ? Oui ! Et puis... Rien.",
        ["Il hésite… puis signe.", "Alors ?", "Oui !", "Et puis...", "Rien."],
    ),
    ("fr", "Ils ont dit « nous […] Le reste suit ».", ["Ils ont dit « nous […] Le reste suit »."]),
    # glued sentences
    (
        "fr",
        "la future Vega GT20.Cette voiture sort. usage routier).La suite vient.",
        ["la future Vega GT20.", "Cette voiture sort. usage routier).", "La suite vient."],
    ),
    # Korean
    (
        "ko",
        "공장은 내년에 문을 연다. 정말인가요? 네! 좋습니다.다음 해에 확장한다.",
        ["공장은 내년에 문을 연다.", "정말인가요?", "네!", "좋습니다.", "다음 해에 확장한다."],
    ),
    # paragraphs
    (
        "en",
        "A heading without stop\n\nFirst. Second.",
        ["A heading without stop", "First.", "Second."],
    ),
    # German day ordinals before a month name
    (
        "de",
        "ZWICKAU – 3. März 2025 – Das Werk öffnet. Es hat 300 Beschäftigte.",
        ["ZWICKAU – 3. März 2025 – Das Werk öffnet.", "Es hat 300 Beschäftigte."],
    ),
    (
        "de",
        "Die Auslieferung beginnt am 1.  Oktober und endet am 31. Dez. 2026. Danach folgt mehr.",
        [
            "Die Auslieferung beginnt am 1.  Oktober und endet am 31. Dez. 2026.",
            "Danach folgt mehr.",
        ],
    ),
    (
        "de",
        "Das Modell belegt Rang 40. Juni bringt die Auslieferung.",  # no 40th day
        ["Das Modell belegt Rang 40.", "Juni bringt die Auslieferung."],
    ),
    (
        "en",
        "Our car finished 3. May brings a new model.",
        ["Our car finished 3.", "May brings a new model."],
    ),
]


@pytest.mark.parametrize(("lang", "text", "expected"), CASES)
def test_tricky_cases(lang: str, text: str, expected: list[str]) -> None:
    assert split_sentences(text, lang) == expected


def test_spans_are_offsets_into_the_text() -> None:
    text = "  Première phrase.  Deuxième phrase !  "
    spans = sentence_spans(text, "fr")
    assert spans == [(2, 18), (20, 37)]
    assert [text[a:b] for a, b in spans] == split_sentences(text, "fr")


def test_other_languages_get_the_default_rules() -> None:
    assert split_sentences("Das Werk öffnet. Die Produktion beginnt.", "de") == [
        "Das Werk öffnet.",
        "Die Produktion beginnt.",
    ]


_TOKENS = st.sampled_from(
    [
        "M.",
        "Mme",
        "Leroy",
        "usine",
        "part.",
        "Il",
        "a",
        "dit",
        "«",
        "»",
        "…",
        "...",
        "?",
        "!",
        "300 000",
        "2,1",
        "100 %",
        "www.lumen.example",
        "a@b.fr",
        "J.",
        "etc.",
        "GT20.Cette",
        "routier).La",
        "다.",
        "요.",
        "\n\n",
        "\n",
        "(",
        ")",
        '"',
        "“",
        "”",
        ".",
    ]
)


def squash(text: str) -> str:
    return "".join(text.split())


@settings(max_examples=300, deadline=None)
@given(st.lists(_TOKENS, max_size=40).map(" ".join), st.sampled_from(["fr", "en", "ko"]))
def test_sentences_cover_the_text(text: str, lang: str) -> None:
    sentences = split_sentences(text, lang)
    assert all(s and s == s.strip() for s in sentences)
    assert squash(" ".join(sentences)) == squash(text)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_sentences_cover_any_text(text: str) -> None:
    sentences = split_sentences(text)
    assert all(s.strip() for s in sentences)
    assert squash(" ".join(sentences)) == squash(text)


NEVER_FINAL = ("M.", "Mme.", "MM.", "Dr.", "St.", "cf.", "p.", "ex.")


def _shared(*parts: str) -> Path:
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"shared data not found at {path}")
    return path


def test_seeds_split_cleanly() -> None:
    paths = sorted(_shared("seeds").glob("*.txt"))
    sentences = [
        sentence
        for path in paths
        for paragraph in path.read_text(encoding="utf-8").split("\n\n")
        for sentence in split_sentences(paragraph, "fr")
    ]
    assert paths and len(sentences) > 10 * len(paths)
    for sentence in sentences:
        assert not sentence.endswith(NEVER_FINAL), sentence
        assert "300 000" not in sentence or "unités" in sentence


def test_fr_auto_news_sample() -> None:
    path = next(_shared("data", "fr_auto_news").glob("*.jsonl"))
    with path.open(encoding="utf-8") as handle:
        articles = [json.loads(line)["article"] for line in islice(handle, 300)]
    assert len(articles) == 300
    glued_left = 0
    for article in articles:
        for sentence in split_sentences(article, "fr"):
            last = sentence.split()[-1].lstrip('«("')
            assert last not in NEVER_FINAL, sentence
            glued_left += "MC20.Cette" in sentence or "routier).La" in sentence
    assert glued_left == 0
    first = split_sentences(articles[0], "fr")
    assert any(s.endswith("MC20.") for s in first)
