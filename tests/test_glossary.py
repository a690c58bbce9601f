"""The automotive glossary: files, validation, matching, spans, compliance and the CLI."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from polyglot_press.cli.glossary import app
from polyglot_press.errors import GlossaryError
from polyglot_press.glossary import (
    Glossary,
    builtin_glossary_path,
    compliance_report,
    load_glossary,
    pluralize_en,
    validate_glossary_file,
)

HEADER = "fr\ten\tko\tkind\tnote\n"


@pytest.fixture(scope="module")
def glossary() -> Glossary:
    return load_glossary()


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def _hits(glossary: Glossary, text: str, lang: str = "fr") -> list[tuple[str, str]]:
    return [(hit.matched_text, hit.entry.id) for hit in glossary.match(text, lang)]


# --- the built-in glossary -------------------------------------------------------------------


def test_builtin_glossary_is_valid_and_complete(glossary: Glossary) -> None:
    check = validate_glossary_file(builtin_glossary_path())
    assert check.ok, [str(problem) for problem in check.problems]
    assert check.summary.entries >= 200
    assert check.summary.keep >= 50
    assert len(glossary) == check.summary.entries
    for entry in glossary:
        assert entry.fr and entry.en and entry.ko
        if entry.kind == "keep":
            assert entry.fr == entry.en


def test_builtin_glossary_ships_in_the_package() -> None:
    packaged = Path(__file__).parents[1] / "polyglot_press" / "data" / "automotive.tsv"
    assert (
        packaged.resolve()
        == (Path(__file__).parents[1] / "glossaries" / "automotive.tsv").resolve()
    )
    assert builtin_glossary_path().resolve() == packaged.resolve()


def test_version_is_a_content_hash(glossary: Glossary, tmp_path: Path) -> None:
    assert load_glossary().version == glossary.version
    extra = _write(tmp_path / "extra.tsv", HEADER + "usine\tfactory\t공장\tterm\t\n")
    assert load_glossary([extra]).version != glossary.version


# --- matching ------------------------------------------------------------------------------


def test_longest_match_wins(glossary: Glossary) -> None:
    text = "Un véhicule 100 % électrique sort de l'usine."
    assert _hits(glossary, text) == [
        ("véhicule 100 % électrique", "vehicule-100-electrique"),
        ("usine", "usine"),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("les usines tournent", [("usines", True)]),
        ("des véhicules électriques", [("véhicules électriques", True)]),
        ("deux nouveaux modèles", [("nouveaux modèles", True)]),
        ("les directeurs généraux", [("directeurs généraux", True)]),
        ("la directrice générale", [("directrice générale", False)]),
        ("des marques sud-coréennes", [("sud-coréennes", True)]),
    ],
)
def test_french_inflection(glossary: Glossary, text: str, expected: list[tuple[str, bool]]) -> None:
    assert [(hit.matched_text, hit.plural) for hit in glossary.match(text, "fr")] == expected


@pytest.mark.parametrize("text", ["l'usine", "d’usine", "L’usine", "qu'usine"])
def test_elided_article_is_not_part_of_the_hit(glossary: Glossary, text: str) -> None:
    (hit,) = glossary.match(text, "fr")
    assert hit.matched_text.lower() == "usine"
    assert text[hit.start : hit.end] == hit.matched_text


@pytest.mark.parametrize("text", ["usinage", "surusine", "usineries", "modèlerie", "Renaultiste"])
def test_never_matches_inside_a_word(glossary: Glossary, text: str) -> None:
    assert glossary.match(text, "fr") == []


def test_terms_ignore_case_but_keep_names_do_not(glossary: Glossary) -> None:
    assert _hits(glossary, "L'USINE") == [("USINE", "usine")]
    assert _hits(glossary, "la nouvelle Alpine") == [("Alpine", "alpine")]
    assert _hits(glossary, "ALPINE") == [("ALPINE", "alpine")]
    assert _hits(glossary, "la région alpine") == []


def test_english_plural_and_acronyms(glossary: Glossary) -> None:
    assert _hits(glossary, "two CEOs met", "en") == [("CEOs", "ceo")]
    assert _hits(glossary, "the CEOship", "en") == []
    (hit,) = glossary.match("new plants", "en")
    assert (hit.matched_text, hit.plural) == ("plants", True)
    assert _hits(glossary, "Renault's plan", "en") == [("Renault", "renault")]


@pytest.mark.parametrize(
    "variant",
    [
        "véhicule 100 % électrique",
        "véhicule 100% électrique",
        "véhicule 100\u00a0% électrique",
        "véhicule 100\u202f% électrique",
        "véhicule\u00a0100 %\nélectrique",
        "VÉHICULE 100 % ÉLECTRIQUE",
    ],
)
def test_typographic_variants(glossary: Glossary, variant: str) -> None:
    assert _hits(glossary, f"Un {variant}.") == [(variant, "vehicule-100-electrique")]


@pytest.mark.parametrize(
    "variant", ["chaîne d'assemblage", "chaîne d’assemblage", "chaîne d\u02bcassemblage"]
)
def test_apostrophe_variants(glossary: Glossary, variant: str) -> None:
    assert _hits(glossary, variant) == [(variant, "chaine-d-assemblage")]


@pytest.mark.parametrize("variant", ["plug-in hybrid", "plug\u2011in hybrid", "plug in hybrid"])
def test_hyphen_variants(glossary: Glossary, variant: str) -> None:
    assert _hits(glossary, f"a {variant}", "en") == [(variant, "hybride-rechargeable")]


def test_a_sentence_end_breaks_a_term(glossary: Glossary) -> None:
    assert _hits(glossary, "le véhicule. Électrique") == [("véhicule", "vehicule")]


def test_korean_allows_particles_and_spacing(glossary: Glossary) -> None:
    text = "르노코리아가 부산 공장에서 폴스타 4를 만든다. 순수전기차도"
    assert _hits(glossary, text, "ko") == [
        ("르노코리아", "renault-korea-motors"),
        ("부산", "busan"),
        ("공장", "usine"),
        ("폴스타 4", "polestar-4"),
        ("순수전기차", "vehicule-100-electrique"),
    ]
    assert _hits(glossary, "배기아", "ko") == []  # 기아 (Kia) never starts inside a word
    assert _hits(glossary, "폴스타 42", "ko") == [("폴스타", "polestar")]


_WORDS = st.sampled_from(
    ["usine", "usines", "l'usine", "véhicule", "électrique", "100", "%", "Renault", "Korea",
     "Motors", "usinage", "modèle", "xusine", "Alpine", "alpine", "de", "CEO", "CEOs", "PDG"]
)  # fmt: skip
_SEPARATORS = st.sampled_from([" ", "\u00a0", "-", "'", "’", ". ", "", "\n", ", "])


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(_WORDS, _SEPARATORS), max_size=25), st.sampled_from(["fr", "en"]))
def test_hits_are_ordered_disjoint_and_on_word_boundaries(
    parts: list[tuple[str, str]], lang: str
) -> None:
    glossary = load_glossary()
    # A keep-list name at the end, after a space, so every text has at least one hit.
    text = "".join(word + separator for word, separator in parts) + " Renault"
    hits = glossary.match(text, lang)
    assert hits and hits[-1].matched_text == "Renault"
    previous_end = 0
    for hit in hits:
        assert previous_end <= hit.start < hit.end
        assert text[hit.start : hit.end] == hit.matched_text
        assert not (hit.start > 0 and re.match(r"\w", text[hit.start - 1]))
        assert not (hit.end < len(text) and re.match(r"\w", text[hit.end]))
        previous_end = hit.end


# --- files and validation --------------------------------------------------------------------


def test_malformed_glossary_reports_each_problem_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.tsv"
    path.write_bytes(
        (
            HEADER
            + "usine\tplant\t공장\tterm\t\n"  # 2: fine
            + "batterie\tbattery\n"  # 3: missing columns
            + "moteur\t\t엔진\tterm\t\n"  # 4: empty en
            + "usines\tfactory\t공장\tterm\t\n"  # 5: conflicts with line 2 (same normalised fr)
        ).encode()
        + b"caf\xe9\tcoffee\t\xec\xbb\xa4\xed\x94\xbc\tterm\t\n"  # 6: Latin-1 byte
        + "Kia\tKia\t기아\tbrand\t\n".encode()  # 7: unknown kind
    )
    check = validate_glossary_file(path)
    assert not check.ok
    lines = {problem.line: problem.message for problem in check.errors}
    assert set(lines) == {3, 5, 6, 7}
    assert "columns" in lines[3]
    assert "line 2" in lines[5]
    assert "0xe9" in lines[6]
    assert "kind" in lines[7]
    assert str(check.problems[0]) == f"{path}:3: {lines[3]}"
    (warning,) = check.warnings  # an entry without English loads: it is just not enforced
    assert warning.line == 4 and "empty en cell" in warning.message
    assert str(warning) == f"{path}:4: warning: {warning.message}"


def test_missing_header_column_is_reported_on_line_one(tmp_path: Path) -> None:
    path = _write(tmp_path / "no_ko.tsv", "fr\ten\tkind\nusine\tplant\tterm\n")
    (problem,) = validate_glossary_file(path).problems
    assert problem.line == 1 and "ko" in problem.message


def test_loading_a_malformed_or_missing_file_raises(tmp_path: Path) -> None:
    bad = _write(tmp_path / "bad.tsv", HEADER + "usine\tplant\t공장\tterm\t\n\t\t엔진\tterm\t\n")
    with pytest.raises(GlossaryError, match=r"bad\.tsv:3: empty fr or en cell") as raised:
        load_glossary([bad])
    assert raised.value.hint and "glossary check" in raised.value.hint
    assert "the header is fr, en, ko, kind, note" in raised.value.hint
    with pytest.raises(GlossaryError, match="cannot read"):
        load_glossary([tmp_path / "absent.tsv"])


TBX = """<?xml version="1.0" encoding="UTF-8"?>
<tbx type="TBX-Basic" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2">
  <text><body>
    <conceptEntry id="c1">
      <langSec xml:lang="fr"><termSec><term>usine</term></termSec></langSec>
      <langSec xml:lang="en"><termSec><term>works</term></termSec></langSec>
      <langSec xml:lang="ko"><termSec><term>제작소</term></termSec></langSec>
    </conceptEntry>
    <termEntry id="c2">
      <langSet xml:lang="fr-FR"><tig><term>Zorblax</term></tig></langSet>
      <langSet xml:lang="en-GB"><tig><term>Zorblax</term>
        <termNote type="termType">properNoun</termNote></tig></langSet>
      <langSet xml:lang="ko"><tig><term>조블랙스</term></tig></langSet>
    </termEntry>
  </body></text>
</tbx>
"""


def test_tsv_csv_and_tbx_load_and_later_files_win(tmp_path: Path) -> None:
    tsv = _write(tmp_path / "a.tsv", HEADER + "usine\tplant\t공장\tterm\t\n")
    csv_file = _write(
        tmp_path / "b.csv", 'fr,en,ko,kind,note\nusine,factory,공장,term,"usage, note"\n'
    )
    tbx = _write(tmp_path / "c.tbx", TBX)

    assert load_glossary([tsv], builtin=False).entries[0].en == "plant"
    merged = load_glossary([tsv, csv_file], builtin=False)
    assert [(e.fr, e.en, e.note) for e in merged] == [("usine", "factory", "usage, note")]
    assert load_glossary([csv_file, tsv], builtin=False).entries[0].en == "plant"

    with_tbx = load_glossary([tsv, tbx], builtin=False)
    by_fr = {entry.fr: entry for entry in with_tbx}
    assert by_fr["usine"].en == "works" and by_fr["usine"].line == 4
    assert by_fr["Zorblax"].kind == "keep"
    assert _hits(with_tbx, "Le Zorblax sort de l'usine") == [
        ("Zorblax", "zorblax"),
        ("usine", "usine"),
    ]


def test_user_file_overrides_the_builtin_entry(tmp_path: Path) -> None:
    extra = _write(tmp_path / "house.tsv", HEADER + "usines\tfactory\t제조 공장\tterm\t\n")
    merged = load_glossary([extra])
    assert len(merged) == len(load_glossary())
    (hit,) = merged.match("l'usine", "fr")
    assert (hit.entry.en, hit.entry.ko) == ("factory", "제조 공장")
    assert _hits(merged, "the factory", "en") == [("factory", hit.entry.id)]


def test_tbx_with_entity_declarations_is_refused(tmp_path: Path) -> None:
    bomb = _write(
        tmp_path / "bomb.tbx",
        '<?xml version="1.0"?>\n<!DOCTYPE tbx [<!ENTITY a "aaaa">]>\n<tbx>&a;</tbx>\n',
    )
    (problem,) = validate_glossary_file(bomb).problems
    assert problem.line == 2 and "entity" in problem.message


# --- partial term bases and TBX dialects -----------------------------------------------------

FR_EN_ONLY = HEADER + "zorbulateur\tzorbulator\t\tterm\t\nusine\tfactory\t\tterm\t\n"


def test_entries_without_korean_load_with_a_warning(tmp_path: Path) -> None:
    path = _write(tmp_path / "house.tsv", FR_EN_ONLY)
    check = validate_glossary_file(path)
    assert check.ok and not check.errors
    assert [(w.line, w.severity) for w in check.warnings] == [(2, "warning"), (3, "warning")]
    assert "empty ko cell" in check.warnings[0].message
    assert "Korean" in check.warnings[0].message
    assert check.summary.per_language == {"fr": 2, "en": 2, "ko": 0}

    merged = load_glossary([path])
    (hit,) = merged.match("le zorbulateur", "fr")
    assert (hit.entry.en, hit.entry.ko) == ("zorbulator", "")
    assert [s.replacement for s in merged.spans("les zorbulateurs", "fr", "en")] == ["zorbulators"]
    # No Korean form: no span to force and nothing to report, in Korean text or as a target.
    assert merged.spans("le zorbulateur", "fr", "ko") == []
    assert compliance_report("le zorbulateur", "fr", "조블", "ko", merged).items == ()
    assert "zorbulateur" not in [hit.entry.id for hit in merged.match("조블", "ko")]


def test_a_partial_entry_keeps_the_forms_of_the_entry_it_replaces(tmp_path: Path) -> None:
    merged = load_glossary([_write(tmp_path / "house.tsv", FR_EN_ONLY)])
    (hit,) = merged.match("l'usine", "fr")
    assert (hit.entry.en, hit.entry.ko) == ("factory", "공장")
    alone = load_glossary([tmp_path / "house.tsv"], builtin=False)
    assert [entry.ko for entry in alone] == ["", ""]


def test_entries_need_french_or_english(tmp_path: Path) -> None:
    path = _write(
        tmp_path / "partial.tsv",
        HEADER
        + "\tgearbox\t변속기\tterm\t\n"  # 2: English only: matched in English text
        + "\t\t엔진\tterm\t\n"  # 3: nothing to match
        + "Zorblax\t\t\tkeep\t\n",  # 4: a kept name is the same in English
    )
    check = validate_glossary_file(path)
    assert [(p.line, p.severity) for p in check.problems] == [
        (2, "warning"),
        (3, "error"),
        (4, "warning"),
    ]
    assert "nothing to match" in check.problems[1].message
    with pytest.raises(GlossaryError, match=r"partial\.tsv:3"):
        load_glossary([path])
    _write(path, path.read_text(encoding="utf-8").replace("\t\t엔진\tterm\t\n", ""))
    glossary = load_glossary([path], builtin=False)
    assert _hits(glossary, "two gearboxes", "en") == [("gearboxes", "gearbox")]
    assert glossary.spans("a gearbox", "en", "fr") == []
    assert [(e.fr, e.en, e.kind) for e in glossary][1] == ("Zorblax", "Zorblax", "keep")


def test_tbx_v3_with_only_french_and_english_loads(tmp_path: Path) -> None:
    tbx = _write(
        tmp_path / "v3.tbx",
        TBX.replace(
            '      <langSec xml:lang="ko"><termSec><term>제작소</term></termSec></langSec>\n', ""
        ),
    )
    check = validate_glossary_file(tbx)
    assert check.ok
    (warning,) = check.warnings
    assert warning.line == 4 and "no ko term" in warning.message and "cell" not in warning.message
    glossary = load_glossary([tbx], builtin=False)
    assert [(e.fr, e.en, e.ko) for e in glossary] == [
        ("usine", "works", ""),
        ("Zorblax", "Zorblax", "조블랙스"),
    ]


TBX_V3_DCT = """<?xml version="1.0" encoding="UTF-8"?>
<tbx:tbx xmlns:tbx="urn:iso:std:iso:30042:ed-2" xmlns:basic="http://www.tbxinfo.net/ns/basic"
    type="TBX-Basic" style="dct" xml:lang="fr">
  <tbx:tbxHeader><tbx:fileDesc><tbx:sourceDesc><tbx:p>Rédaction</tbx:p></tbx:sourceDesc>
  </tbx:fileDesc></tbx:tbxHeader>
  <tbx:text><tbx:body>
    <tbx:conceptEntry id="c1">
      <tbx:langSec xml:lang="fra">
        <tbx:termSec><tbx:term>batterie   à
          <tbx:hi>semi-conducteurs</tbx:hi></tbx:term>
          <basic:termType>fullForm</basic:termType></tbx:termSec>
        <basic:definition>Électrolyte solide.</basic:definition>
      </tbx:langSec>
      <tbx:langSec xml:lang="en-US"><tbx:termSec><tbx:term>solid-state battery</tbx:term>
        <basic:termType>acronym</basic:termType></tbx:termSec></tbx:langSec>
    </tbx:conceptEntry>
    <tbx:conceptEntry id="c2">
      <tbx:langSec xml:lang="fr"><tbx:termSec><tbx:term>Zorblax</tbx:term>
        <basic:partOfSpeech>properNoun</basic:partOfSpeech></tbx:termSec></tbx:langSec>
    </tbx:conceptEntry>
  </tbx:body></tbx:text>
</tbx:tbx>
"""

TBX_V2 = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE martif SYSTEM "TBXcoreStructV02.dtd">
<martif type="TBX" xml:lang="fr">
  <text><body>
    <termEntry id="t1">
      <descrip type="definition">Where cars are built.</descrip>
      <langSet xml:lang="fr"><ntig><termGrp><term>usine</term></termGrp></ntig>
        <tig><term>site de production</term></tig></langSet>
      <langSet xml:lang="en"><tig><term>works</term>
        <termNote type="termType">abbreviation</termNote></tig></langSet>
    </termEntry>
  </body></text>
</martif>
"""


def test_tbx_v3_dct_style_with_prefixes_and_tbx_v2(tmp_path: Path) -> None:
    dct = load_glossary([_write(tmp_path / "dct.tbx", TBX_V3_DCT)], builtin=False)
    assert [(e.fr, e.en, e.ko, e.kind) for e in dct] == [
        ("batterie à semi-conducteurs", "solid-state battery", "", "term"),
        ("Zorblax", "Zorblax", "", "keep"),
    ]
    assert dct.entries[0].note == "Électrolyte solide."
    v2 = load_glossary([_write(tmp_path / "v2.tbx", TBX_V2)], builtin=False)
    (entry,) = v2
    assert (entry.en, entry.kind, entry.forms_fr) == ("works", "term", ("site de production",))
    assert _hits(v2, "Un site de production", "fr") == [("site de production", "usine")]


def test_tbx_errors_speak_tbx(tmp_path: Path) -> None:
    german = TBX.replace('langSec xml:lang="fr"', 'langSec xml:lang="de"')
    empty = _write(
        tmp_path / "empty.tbx", german.replace('langSec xml:lang="en"', 'langSec xml:lang="de"')
    )
    problem = validate_glossary_file(empty).errors[0]
    assert (problem.line, problem.message) == (4, "no fr or en term: nothing to match")
    with pytest.raises(GlossaryError) as raised:
        load_glossary([empty])
    assert raised.value.hint and "conceptEntry (TBX v3)" in raised.value.hint
    assert "header" not in raised.value.hint
    other = _write(tmp_path / "other.tbx", '<?xml version="1.0"?>\n<glossary><item/></glossary>\n')
    (problem,) = validate_glossary_file(other).problems
    assert "no termEntry (TBX v2) or conceptEntry (TBX v3)" in problem.message


# --- spans and compliance ------------------------------------------------------------------


def test_spans_for_a_french_sentence(glossary: Glossary) -> None:
    text = "Les usines de Renault Korea Motors produiront des hybrides rechargeables."
    spans = glossary.spans(text, "fr", "en")
    assert [(text[s.start : s.end], s.replacement, s.kind, s.entry_id) for s in spans] == [
        ("usines", "plants", "term", "usine"),
        ("Renault Korea Motors", "Renault Korea Motors", "keep", "renault-korea-motors"),
        ("hybrides rechargeables", "plug-in hybrids", "term", "hybride-rechargeable"),
    ]
    korean = glossary.spans(text, "fr", "ko")
    assert [span.replacement for span in korean] == ["공장", "르노코리아", "플러그인 하이브리드"]


def test_adjective_entries_keep_their_english_singular(glossary: Glossary) -> None:
    spans = glossary.spans("des motorisations hybrides", "fr", "en")
    assert [span.replacement for span in spans] == ["engines", "hybrid"]


@pytest.mark.parametrize(
    ("phrase", "plural"),
    [
        ("plant", "plants"),
        ("battery", "batteries"),
        ("SUV", "SUVs"),
        ("board of directors", "boards of directors"),
        ("gearbox", "gearboxes"),
        ("units per year", "units per year"),
    ],
)
def test_pluralize_en(phrase: str, plural: str) -> None:
    assert pluralize_en(phrase) == plural


def test_compliance_counts_a_missing_term_as_missing(glossary: Glossary) -> None:
    source = "L'usine de Busan produira des batteries pour Renault Group."
    output = "The Busan factory will make batteries for Renault Group."
    report = compliance_report(source, "fr", output, "en", glossary)
    found = {item.entry_id: item.found for item in report.items}
    assert found == {"usine": False, "busan": True, "batterie": True, "renault-group": True}
    assert report.term_use_rate == pytest.approx(3 / 4)
    assert [item.expected for item in report.missing] == ["plant"]
    data = json.loads(json.dumps(report.to_dict()))
    assert data["expected"] == 4 and data["found"] == 3


def test_compliance_counts_repeated_hits_against_repeated_uses(glossary: Glossary) -> None:
    source = "Une usine, puis une autre usine."
    report = compliance_report(source, "fr", "One plant, then another factory.", "en", glossary)
    assert [item.found for item in report.items] == [True, False]


def test_compliance_tolerates_plurals_case_and_korean_particles(glossary: Glossary) -> None:
    source = "Les usines de Renault Korea Motors"
    assert (
        compliance_report(
            source, "fr", "The PLANTS of Renault Korea Motors", "en", glossary
        ).term_use_rate
        == 1.0
    )
    korean = compliance_report(source, "fr", "르노코리아의 공장들은", "ko", glossary)
    assert korean.term_use_rate == 1.0


def test_compliance_without_glossary_hits_has_no_rate(glossary: Glossary) -> None:
    report = compliance_report("Bonjour.", "fr", "Hello.", "en", glossary)
    assert report.expected == 0 and report.term_use_rate is None
    assert json.loads(json.dumps(report.to_dict()))["term_use_rate"] is None


def test_compliance_needs_multi_word_terms_joined(glossary: Glossary) -> None:
    source = "Un véhicule électrique et un autre véhicule électrique."
    output = "An electric vehicle, then another electric, vehicle."
    report = compliance_report(source, "fr", output, "en", glossary)
    assert [item.found for item in report.items] == [True, False]


@settings(max_examples=60, deadline=None)
@given(
    hits=st.integers(min_value=0, max_value=4),
    uses=st.lists(st.sampled_from(["plant", "plants", "PLANT", "Plant-"]), max_size=5),
    filler=st.lists(st.sampled_from(["the", "new", "planted", "site", ",", "replant"]), max_size=4),
)
def test_compliance_finds_each_use_once(
    glossary: Glossary, hits: int, uses: list[str], filler: list[str]
) -> None:
    source = " puis ".join(["une usine"] * hits) or "Bonjour."
    output = " ".join(word for use in uses for word in (*filler, use))
    report = compliance_report(source, "fr", output, "en", glossary)
    assert report.found == min(hits, len(uses))
    assert report.expected == hits


# --- lookup and the CLI --------------------------------------------------------------------


def test_lookup_searches_every_language(glossary: Glossary) -> None:
    assert "usine" in [entry.id for entry in glossary.lookup("PLANT")]
    assert "usine" in [entry.id for entry in glossary.lookup("공장")]
    assert glossary.lookup("  ") == []


@pytest.mark.parametrize(
    ("query", "entry_id"),
    [
        ("Usines", "usine"),
        ("L'USINE", "usine"),
        ("d’usine", "usine"),
        ("plants", "usine"),
        ("공장에서", "usine"),
        ("directrice générale", "directeur-general"),
        ("véhicule 100% électrique", "vehicule-100-electrique"),
    ],
)
def test_lookup_finds_inflected_forms_first(glossary: Glossary, query: str, entry_id: str) -> None:
    assert glossary.lookup(query)[0].id == entry_id


def test_lookup_falls_back_to_substrings(glossary: Glossary) -> None:
    found = [entry.id for entry in glossary.lookup("hybrid")]
    assert "hybride-rechargeable" in found
    assert found.index("hybride") < found.index("hybride-rechargeable")  # the exact match first


runner = CliRunner()


def test_cli_check_valid_and_invalid(tmp_path: Path) -> None:
    result = runner.invoke(app, ["check", str(builtin_glossary_path())])
    assert result.exit_code == 0 and "keep-list names" in result.stdout
    bad = _write(tmp_path / "bad.tsv", HEADER + "usine\tplant\t공장\tterm\t\nmoteur\tengine\n")
    result = runner.invoke(app, ["check", str(bad)])
    assert result.exit_code == 1
    assert f"{bad}:3: expected 5 columns" in result.stdout
    assert result.stderr.startswith("error: ") and "hint: " in result.stderr


def test_cli_check_warnings_exit_zero_and_hints_fit_the_format(tmp_path: Path) -> None:
    house = _write(tmp_path / "house.tsv", FR_EN_ONLY)
    result = runner.invoke(app, ["check", str(house)])
    assert result.exit_code == 0, result.stderr
    assert f"{house}:2: warning: empty ko cell" in result.stdout
    assert "OK (2 warning(s)), 2 entries (fr 2, en 2, ko 0)" in result.stdout

    tbx = _write(
        tmp_path / "bad.tbx",
        TBX.replace("<term>usine</term>", "<term/>").replace("<term>works</term>", ""),
    )
    result = runner.invoke(app, ["check", str(tbx)])
    assert result.exit_code == 1
    assert f"{tbx}:4: no fr or en term" in result.stdout
    assert "1 error(s)" in result.stderr and "langSec" in result.stderr
    assert "header" not in result.stderr


def test_cli_match_lists_hits_with_positions(tmp_path: Path) -> None:
    text = _write(tmp_path / "release.txt", "Titre\nL'usine produit des véhicules électriques.\n")
    result = runner.invoke(app, ["match", str(text)])
    assert result.exit_code == 0
    assert f"{text}:2:3\tusine\tusine (term)\ten=plant\tko=공장" in result.stdout
    assert "en=electric vehicles" in result.stdout

    result = runner.invoke(app, ["match", str(text), "--lang", "fr", "--json"])
    data = json.loads(result.stdout)
    assert data["lang"] == "fr"
    assert [(hit["line"], hit["column"], hit["entry_id"]) for hit in data["hits"]] == [
        (2, 3, "usine"),
        (2, 21, "vehicule-electrique"),
    ]


def test_cli_match_reads_standard_input() -> None:
    text = "Titre\nL'usine produit des véhicules électriques.\n"
    result = runner.invoke(app, ["match", "-", "--json"], input=text.encode("utf-8"))
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["file"] == "<stdin>" and data["lang"] == "fr"
    assert [(hit["line"], hit["column"], hit["entry_id"]) for hit in data["hits"]] == [
        (2, 3, "usine"),
        (2, 21, "vehicule-electrique"),
    ]
    result = runner.invoke(app, ["match", "-", "--lang", "en"], input=b"A new plant.\n")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("<stdin>:1:7\tplant\tusine (term)")


def test_cli_match_rejects_an_unknown_language(tmp_path: Path) -> None:
    text = _write(tmp_path / "release.txt", "L'usine.\n")
    result = runner.invoke(app, ["match", str(text), "--lang", "de"])
    assert result.exit_code == 2 and "auto" in result.stderr


def test_cli_match_reports_unreadable_input(tmp_path: Path) -> None:
    result = runner.invoke(app, ["match", str(tmp_path / "absent.txt")])
    assert result.exit_code == 1 and "error: " in result.stderr and "hint: " in result.stderr
    large = _write(tmp_path / "large.txt", "L'usine de Busan. " * 20)
    result = runner.invoke(app, ["match", str(large), "--max-bytes", "100"])
    assert result.exit_code == 1 and "limit" in result.stderr


def test_cli_match_reads_legacy_encodings_and_skips_leading_lines(tmp_path: Path) -> None:
    latin1 = tmp_path / "latin1.txt"
    latin1.write_bytes("\n\n  Titre\n\nok, l'usine a déjà ouvert.\n".encode("latin-1"))
    result = runner.invoke(app, ["match", str(latin1), "--lang", "fr", "--json"])
    assert result.exit_code == 0, result.stderr
    (hit,) = json.loads(result.stdout)["hits"]
    assert (hit["line"], hit["column"], hit["text"]) == (5, 7, "usine")


def test_cli_match_html_maps_text_back_to_the_source(tmp_path: Path) -> None:
    page = (
        "<html><body>\n<h1>Nouvelle <em>usine</em></h1>\n"
        "<p>Le v&eacute;hicule\n   <b>&#233;lectrique</b> sort de l&#39;usine."
        "<!-- batterie --></p>\n<script>var usine = 1;</script>\n</body></html>\n"
    )
    html_file = _write(tmp_path / "release.html", page)
    result = runner.invoke(app, ["match", str(html_file), "--lang", "fr", "--json"])
    assert result.exit_code == 0, result.stderr
    hits = json.loads(result.stdout)["hits"]
    assert [(h["line"], h["column"], h["entry_id"], h["text"]) for h in hits] == [
        (2, 18, "usine", "usine"),
        (3, 7, "vehicule-electrique", "véhicule électrique"),
        (4, 41, "usine", "usine"),
    ]
    second = hits[1]
    assert page[second["start"] : second["end"]] == "v&eacute;hicule\n   <b>&#233;lectrique"


def test_cli_match_html_columns_count_references_as_written(tmp_path: Path) -> None:
    page = "<ul>\n<li>R&amp;D &amp;lt;b&amp;gt; &amp; l&rsquo;usine</li>\n</ul>\n"
    html_file = _write(tmp_path / "list.html", page)
    result = runner.invoke(app, ["match", str(html_file), "--lang", "fr", "--json"])
    (hit,) = json.loads(result.stdout)["hits"]
    assert (hit["line"], hit["column"]) == (2, page.split("\n")[1].index("usine") + 1)
    assert page[hit["start"] : hit["end"]] == "usine"


def test_cli_match_auto_detects_the_language(tmp_path: Path) -> None:
    english = _write(
        tmp_path / "release.md",
        "# News\n\nThe company is opening a new plant for the electric vehicles it sells "
        "in Europe and in Asia, with the support of its partners.\n",
    )
    result = runner.invoke(app, ["match", str(english), "--json"])
    data = json.loads(result.stdout)
    assert data["lang"] == "en"
    assert "usine" in [hit["entry_id"] for hit in data["hits"]]
    unknown = _write(tmp_path / "numbers.txt", "2024 - 2025 : 12 345\n")
    result = runner.invoke(app, ["match", str(unknown), "--json"])
    assert result.exit_code == 0 and json.loads(result.stdout)["lang"] == "fr"


def test_cli_lookup(tmp_path: Path) -> None:
    result = runner.invoke(app, ["lookup", "hybrid", "--json"])
    assert result.exit_code == 0
    assert "hybride-rechargeable" in [entry["id"] for entry in json.loads(result.stdout)]
    result = runner.invoke(app, ["lookup", "zzzz-not-there"])
    assert result.exit_code == 1 and "error: no glossary entry" in result.stderr
    result = runner.invoke(app, ["lookup", "Usines"])
    assert result.exit_code == 0 and result.stdout.startswith("usine\tterm\tfr=usine\ten=plant")
    extra = _write(tmp_path / "x.tsv", HEADER + "zorblax\tzorb\t조브\tterm\t\n")
    result = runner.invoke(app, ["lookup", "zorb", "--glossary", str(extra)])
    assert result.exit_code == 0 and "fr=zorblax" in result.stdout


# --- a partial term base in a translation --------------------------------------------------


def test_fr_en_only_glossaries_translate_and_enforce_english(
    models_dir: Path, tmp_path: Path
) -> None:
    from polyglot_press import Pipeline, PolyglotPressError

    release = _write(
        tmp_path / "release.txt",
        "Nouveau zorbulateur\n\nLe groupe installe un zorbulateur dans son usine de Busan.\n",
    )
    tsv = _write(tmp_path / "house.tsv", FR_EN_ONLY)
    tbx = _write(
        tmp_path / "house.tbx",
        TBX.replace("<term>usine</term>", "<term>zorbulateur</term>")
        .replace("<term>works</term>", "<term>zorbulator</term>")
        .replace(
            '      <langSec xml:lang="ko"><termSec><term>제작소</term></termSec></langSec>\n', ""
        ),
    )
    for house in (tsv, tbx):
        pipeline = Pipeline(models_dir=models_dir, glossary=[house])
        english, korean = (pipeline.translate([release], target)[0] for target in ("en", "ko"))
        assert not isinstance(english, PolyglotPressError), english
        assert not isinstance(korean, PolyglotPressError), korean
        assert english.compliance is not None and korean.compliance is not None
        # The term is required of the English translation: in it, or its sentence flagged
        # (random weights: it is not written over other words).
        records = [r for r in english.sentences if "zorbulateur" in r.source]
        assert len(records) == 2
        for record in records:
            codes = {flag.code for flag in record.flags}
            assert "zorbulator" in (record.text or "") or "term_missing" in codes, record
        text = "\n".join(block.text for block in english.document.blocks)
        used = {item.entry_id: item.found for item in english.compliance.items}
        assert used["zorbulateur"] is ("zorbulator" in text)
        assert "zorbulateur" not in {item.entry_id for item in korean.compliance.items}
        assert "busan" in {item.entry_id for item in korean.compliance.items}
