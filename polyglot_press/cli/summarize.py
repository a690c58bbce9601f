"""``polyglot-press summarize``: an extractive summary of one document, without translation."""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING, Annotated

import typer

from polyglot_press.cli._common import DEFAULT_MAX_BYTES, MaxBytesOption, fail
from polyglot_press.cli._options import DataFormat, DataFormatOption, JsonAliasOption, wants_json
from polyglot_press.errors import PolyglotPressError

if TYPE_CHECKING:
    from polyglot_press.documents import Document


class SummaryLanguage(StrEnum):
    """``--lang``: a language with a summariser, or ``auto`` to detect it."""

    AUTO = "auto"
    EN = "en"
    FR = "fr"
    KO = "ko"


class AlgorithmChoice(StrEnum):
    """``--algorithm``: the built-in algorithms (``polyglot_press.summarize.ALGORITHMS``)."""

    LEAD_AWARE = "lead-aware"
    LEXRANK = "lexrank"
    LSA = "lsa"
    TEXTRANK = "textrank"
    LUHN = "luhn"
    EDMUNDSON = "edmundson"
    SUMBASIC = "sumbasic"
    KL = "kl"


FileArgument = Annotated[
    str, typer.Argument(help="Document to summarise (.md, .txt, .html); '-' reads standard input.")
]
LangOption = Annotated[
    SummaryLanguage,
    typer.Option(
        "--lang", case_sensitive=False, help="Language of the document, or auto to detect it."
    ),
]
SentencesOption = Annotated[
    int | None,
    typer.Option(
        "--sentences",
        "-n",
        min=1,
        help="Sentences in the summary [default: 3].",
        show_default=False,
    ),
]
WordsOption = Annotated[
    int | None,
    typer.Option(
        "--words",
        min=1,
        help="Limit the summary to N words instead (Korean: N characters, spaces excluded).",
        show_default=False,
    ),
]
AlgorithmOption = Annotated[
    AlgorithmChoice,
    typer.Option("--algorithm", "-a", case_sensitive=False, help="Summarisation algorithm."),
]


def summarize_command(
    file: FileArgument,
    lang: LangOption = SummaryLanguage.AUTO,
    sentences: SentencesOption = None,
    words: WordsOption = None,
    algorithm: AlgorithmOption = AlgorithmChoice.LEAD_AWARE,
    fmt: DataFormatOption = DataFormat.TEXT,
    json_output: JsonAliasOption = False,
    max_bytes: MaxBytesOption = DEFAULT_MAX_BYTES,
) -> None:
    """Print the sentences that best summarise a document, one per line, in source order.

    Only paragraphs and list items are summarised: headings, datelines, press contacts and
    "about" boilerplate never enter a summary. With --words, a summary is the best sentence
    alone when that sentence is over the limit; a note on standard error says so.
    """
    from polyglot_press.documents import read_document
    from polyglot_press.summarize import summarize_document

    if sentences is not None and words is not None:
        raise typer.BadParameter("use --sentences or --words, not both", param_hint="--words")
    code = lang.value
    try:
        document = read_document(file, max_bytes=max_bytes)
        if lang is SummaryLanguage.AUTO:
            code = _detected_language(document)
        summary = summarize_document(
            document, code, sentences=sentences or 3, algorithm=algorithm.value, words=words
        )
    except PolyglotPressError as error:
        fail(error)
    _warn_about(summary, document.source, code, words)
    if wants_json(fmt, json_output):
        from polyglot_press.cli._common import to_json

        payload = {
            "source": document.source,
            "lang": code,
            "algorithm": algorithm.value,
            "sentences": summary,
        }
        typer.echo(to_json(payload), nl=False)
    else:
        for sentence in summary:
            typer.echo(sentence)


def _warn_about(summary: list[str], source: str, lang: str, words: int | None) -> None:
    """Say on standard error when there was nothing to summarise or a brief is over --words."""
    from polyglot_press.summarize import language_tools, summary_length

    if not summary:
        typer.echo(
            f"warning: {source}: nothing to summarise (no paragraphs or list items)", err=True
        )
    elif words is not None and (length := summary_length(summary, lang)) > words:
        unit = "characters" if language_tools(lang).lang == "ko" else "words"
        typer.echo(
            f"note: the best sentence alone has {length} {unit}, over --words {words}; "
            "printed it whole",
            err=True,
        )


def _detected_language(document: Document) -> str:
    """The language of ``document`` as language routing detects it, if it can be summarised."""
    from polyglot_press.language import route_document
    from polyglot_press.summarize import SUMY_LANGUAGES

    detected = route_document(document).lang
    if detected in SUMY_LANGUAGES:
        return detected
    found = (
        "could not detect the language"
        if detected in (None, "und")
        else f"detected language {detected!r}"
    )
    raise PolyglotPressError(
        f"{document.source}: {found}, but summaries are written in en, fr or ko",
        hint="pass --lang en, --lang fr or --lang ko if the document is in one of them",
    )
