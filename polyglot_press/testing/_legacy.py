"""The model layout of packages converted by CTranslate2 1.x (argos-train, 2021).

Those packages hold ``model/model.bin`` in binary format version 4 and
``model/shared_vocabulary.txt`` (one token per line), and no ``config.json``: CTranslate2 4.x
loads them with its default special tokens. :func:`downgrade_model_dir` rewrites a model saved
by the installed CTranslate2 into that layout. The binary format (see ``Model::load`` in
CTranslate2's ``src/models/model.cc``) has not changed shape between versions 4 and 6: a header,
named variables, then aliases. What differs, and is rewritten here:

* the header says binary version 4 and ``TransformerSpec`` revision 3;
* model attributes are the revision-3 top-level scalars ``num_heads`` and ``pre_norm`` (as
  ``int8``) instead of the per-stack ``encoder/…`` and ``decoder/…`` scalars of revision 5+,
  whose other entries take their defaults, as they did then;
* the source embeddings are ``encoder/embeddings/weight``, not ``encoder/embeddings_0/weight``.

CTranslate2 4.x truncates rather than rounds when it quantizes the activations of a model older
than binary version 5, so the same weights score slightly differently in the two layouts, as
real old packages do. Position encodings are stored as in the current layout (the fixtures'
own table, see ``_network``); the real converter stored OpenNMT-py's sinusoidal table.
"""

from __future__ import annotations

import json
import struct
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

LEGACY_BINARY_VERSION = 4
LEGACY_SPEC_REVISION = 3
_INT8_TYPE_ID = 1


@dataclass(frozen=True, slots=True)
class _Variable:
    name: str
    shape: tuple[int, ...]
    type_id: int
    data: bytes


def downgrade_model_dir(model_dir: Path, *, num_heads: int, pre_norm: bool) -> None:
    """Rewrite the CTranslate2 model in ``model_dir`` into the CTranslate2 1.x layout."""
    binary = model_dir / "model.bin"
    with binary.open("rb") as source:
        spec_name, variables, aliases = _read_model(source)
    kept = [
        _Variable(_legacy_name(variable.name), variable.shape, variable.type_id, variable.data)
        for variable in variables
        if variable.shape  # scalars are the revision-5+ attributes, replaced below
    ]
    attributes = [
        _Variable("num_heads", (), _INT8_TYPE_ID, struct.pack("b", num_heads)),
        _Variable("pre_norm", (), _INT8_TYPE_ID, struct.pack("b", int(pre_norm))),
    ]
    with binary.open("wb") as sink:
        _write_model(sink, spec_name, [*attributes, *kept], aliases)
    vocabulary_json = model_dir / "shared_vocabulary.json"
    tokens = json.loads(vocabulary_json.read_text(encoding="utf-8"))
    (model_dir / "shared_vocabulary.txt").write_text(
        "".join(f"{token}\n" for token in tokens), encoding="utf-8"
    )
    vocabulary_json.unlink()
    (model_dir / "config.json").unlink(missing_ok=True)


def _legacy_name(name: str) -> str:
    return name.replace("encoder/embeddings_0/", "encoder/embeddings/", 1)


def _read_model(
    source: BinaryIO,
) -> tuple[str, list[_Variable], list[tuple[str, str]]]:
    (_version,) = _unpack(source, "I")
    spec_name = _read_string(source)
    _unpack(source, "I")  # spec revision
    (count,) = _unpack(source, "I")
    variables = []
    for _ in range(count):
        name = _read_string(source)
        (rank,) = _unpack(source, "B")
        shape = _unpack(source, f"{rank}I") if rank else ()
        type_id, size = _unpack(source, "BI")
        variables.append(_Variable(name, tuple(shape), type_id, source.read(size)))
    (alias_count,) = _unpack(source, "I")
    aliases = [(_read_string(source), _read_string(source)) for _ in range(alias_count)]
    return spec_name, variables, aliases


def _write_model(
    sink: BinaryIO, spec_name: str, variables: list[_Variable], aliases: list[tuple[str, str]]
) -> None:
    sink.write(struct.pack("=I", LEGACY_BINARY_VERSION))
    _write_string(sink, spec_name)
    sink.write(struct.pack("=II", LEGACY_SPEC_REVISION, len(variables)))
    for variable in variables:
        _write_string(sink, variable.name)
        sink.write(struct.pack("=B", len(variable.shape)))
        sink.write(struct.pack(f"={len(variable.shape)}I", *variable.shape))
        sink.write(struct.pack("=BI", variable.type_id, len(variable.data)))
        sink.write(variable.data)
    sink.write(struct.pack("=I", len(aliases)))
    for alias, target in aliases:
        _write_string(sink, alias)
        _write_string(sink, target)


def _unpack(source: BinaryIO, layout: str) -> tuple[int, ...]:
    layout = "=" + layout
    return struct.unpack(layout, source.read(struct.calcsize(layout)))


def _read_string(source: BinaryIO) -> str:
    (length,) = _unpack(source, "H")
    return source.read(length)[:-1].decode("utf-8")  # the length counts the final NUL


def _write_string(sink: BinaryIO, text: str) -> None:
    encoded = text.encode("utf-8")
    sink.write(struct.pack("=H", len(encoded) + 1))
    sink.write(encoded + b"\0")
