"""``polyglot-press detect``: the language of each input, and of each block."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Any

import typer

from polyglot_press.cli._common import (
    DEFAULT_MAX_BYTES,
    EXIT_OK,
    EXIT_SOME_FAILED,
    MaxBytesOption,
    report_error,
    to_json,
)
from polyglot_press.cli._options import InputsArgument, expand_documents
from polyglot_press.errors import PolyglotPressError


class DetectFormat(StrEnum):
    TEXT = "text"
    JSON = "json"


def detect(
    inputs: InputsArgument,
    fmt: Annotated[
        DetectFormat, typer.Option("--format", help="Output format.")
    ] = DetectFormat.TEXT,
    json_alias: Annotated[
        bool, typer.Option("--json", hidden=True, help="Same as --format json.")
    ] = False,
    blocks: Annotated[
        bool, typer.Option("--blocks", help="Also show each block's language.")
    ] = False,
    max_bytes: MaxBytesOption = DEFAULT_MAX_BYTES,
) -> None:
    """Detect the language of each input (and, with --blocks, of each block)."""
    from polyglot_press.documents import read_document
    from polyglot_press.language import describe_routing

    json_output = json_alias or fmt is DetectFormat.JSON
    failed = 0
    records: list[dict[str, Any]] = []
    for source in (item.label for item in expand_documents(inputs)):
        try:
            routing = describe_routing(read_document(source, max_bytes=max_bytes))
        except PolyglotPressError as error:
            failed += 1
            report_error(error)
            records.append({"source": source, "error": str(error)})
            continue
        record = routing.to_dict()
        records.append(record)
        if not json_output:
            _print_record(source, record, blocks)
    if json_output:
        if not blocks:
            for record in records:
                record.pop("blocks", None)
        typer.echo(to_json(records), nl=False)
    raise typer.Exit(EXIT_SOME_FAILED if failed else EXIT_OK)


def _print_record(source: str, record: dict[str, Any], blocks: bool) -> None:
    typer.echo(f"{source}\t{record['language']}\t{record['confidence']:.2f}")
    if not blocks:
        return
    for index, block in enumerate(record["blocks"], start=1):
        preview = block["text"].replace("\n", " ")[:60]
        typer.echo(
            f"  {index:>3} {block['kind']:<11} {block['language'] or '-':<4}"
            f" {block['confidence']:.2f}  {preview}"
        )
