"""Reading one package: its ``metadata.json``, its required files, its folder on disk."""

from __future__ import annotations

import functools
import json
import os
import re
import struct
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from polyglot_press.errors import ModelError
from polyglot_press.packages._family import (
    BPE_MODEL,
    SENTENCEPIECE_MODEL,
    detect_family_in_dir,
    tokenizer_file,
)
from polyglot_press.packages._model import (
    REDOWNLOAD_HINT,
    InstalledPackage,
    PackageOrigin,
    normalize_code,
    os_reason,
)

METADATA_FILE = "metadata.json"
MODEL_FILE = "model/model.bin"
#: A real ``metadata.json`` is a few hundred bytes; anything over this is refused unread.
MAX_METADATA_BYTES = 1 << 20
#: Bytes of ``model.bin`` that :func:`check_model_header` looks at.
MODEL_HEAD_BYTES = 512
_MAX_BINARY_VERSION = 64
_SPEC_NAME = re.compile(rb"[A-Za-z][A-Za-z0-9_]{0,254}")


@dataclass(frozen=True, slots=True)
class Metadata:
    """The parts of ``metadata.json`` polyglot_press uses."""

    source: str
    target: str
    version: str
    target_prefix: str
    kind: str


def parse_metadata(raw: bytes, where: str) -> Metadata:
    """Parse ``metadata.json``; :class:`ModelError` naming ``where`` if it is unusable."""
    hint = f"{where} is not a valid Argos package; {REDOWNLOAD_HINT}"
    try:
        data: Any = json.loads(raw)
    except ValueError as error:
        raise ModelError(f"{where}: metadata.json is not valid JSON ({error})", hint=hint) from None
    if not isinstance(data, dict):
        raise ModelError(f"{where}: metadata.json is not a JSON object", hint=hint)
    source, target = data.get("from_code"), data.get("to_code")
    if not (
        isinstance(source, str) and source.strip() and isinstance(target, str) and target.strip()
    ):
        raise ModelError(f"{where}: metadata.json lacks from_code/to_code", hint=hint)
    version = data.get("package_version")
    prefix = data.get("target_prefix")
    kind = data.get("type")
    return Metadata(
        source=normalize_code(source),
        target=normalize_code(target),
        version=str(version) if version is not None else "0",
        target_prefix=prefix if isinstance(prefix, str) else "",
        kind=kind if isinstance(kind, str) else "translate",
    )


def check_model_header(head: bytes, where: str) -> None:
    """Raise :class:`ModelError` unless ``head`` starts like a CTranslate2 ``model.bin``.

    The binary layout opens with a little-endian ``uint32`` format version, then (version 2 and
    later) a ``uint16``-prefixed, NUL-terminated spec name such as ``TransformerSpec``. A file
    of zeros, a cut download or an HTML error page fails here, with a message, rather than
    inside CTranslate2.
    """
    problem = None
    if len(head) < 8:
        problem = f"is {len(head)} bytes long"
    else:
        (version,) = struct.unpack_from("<I", head)
        if not 1 <= version <= _MAX_BINARY_VERSION:
            problem = f"starts with format version {version}"
        elif version >= 2:
            (length,) = struct.unpack_from("<H", head, 4)
            name = head[6 : 6 + length]
            if not (length >= 2 and name.endswith(b"\0") and _SPEC_NAME.fullmatch(name[:-1])):
                problem = "has no model specification name"
    if problem is not None:
        raise ModelError(
            f"{where}: {MODEL_FILE} does not load: it is not a CTranslate2 model (it {problem}: "
            "zeroed, cut or replaced by another file)",
            hint=REDOWNLOAD_HINT,
        )


def check_model_file(directory: Path) -> None:
    """:func:`check_model_header` on the ``model.bin`` of the package in ``directory``."""
    try:
        with (directory / MODEL_FILE).open("rb") as model:
            head = model.read(MODEL_HEAD_BYTES)
    except OSError as error:
        raise ModelError(
            f"{directory}: cannot read {MODEL_FILE} ({os_reason(error)})",
            hint="reinstall it from its .argosmodel file",
        ) from None
    check_model_header(head, str(directory))


def model_positions(directory: Path) -> int | None:
    """How many positions the model in ``directory`` can encode (its position table's rows).

    ``None`` when its ``model.bin`` stores no position table (positions computed on the fly)
    or cannot be read. Read from the variable index of CTranslate2's binary format, seeking over
    the weights, and cached per file version.
    """
    path = directory / MODEL_FILE
    try:
        status = path.stat()
    except OSError:
        return None
    return _positions_of(path, status.st_size, status.st_mtime_ns)


@functools.lru_cache(maxsize=64)
def _positions_of(path: Path, size: int, mtime_ns: int) -> int | None:
    rows: list[int] = []
    try:
        with path.open("rb") as model:
            for name, dims in _variables(model):
                if name.endswith("position_encodings/encodings") and dims:
                    rows.append(dims[0])
    except (OSError, struct.error, UnicodeDecodeError, ValueError):
        return None
    return min(rows) if rows else None


def _variables(model: BinaryIO) -> Iterator[tuple[str, tuple[int, ...]]]:
    """(name, shape) of each variable of an open ``model.bin``."""

    def read(layout: str) -> tuple[int, ...]:
        size = struct.calcsize(layout)
        data = model.read(size)
        if len(data) != size:
            raise ValueError("model.bin ends early")
        return struct.unpack(layout, data)

    (version,) = read("<I")
    if version >= 2:
        model.seek(read("<H")[0], os.SEEK_CUR)  # the spec name
        read("<I")  # the spec revision
    (count,) = read("<I")
    for _ in range(min(count, 100_000)):
        name = model.read(read("<H")[0]).rstrip(b"\0").decode("utf-8")
        (rank,) = read("<B")
        dims = read(f"<{rank}I")
        if version >= 4:
            read("<B")  # the data type
            (length,) = read("<I")
        else:
            (item_size,) = read("<B")
            length = item_size * read("<I")[0]
        model.seek(length, os.SEEK_CUR)
        yield name, dims


def missing_files(exists: Callable[[str], bool]) -> list[str]:
    """The required package files that ``exists`` does not find."""
    missing = [] if exists(MODEL_FILE) else [MODEL_FILE]
    if tokenizer_file(exists) is None:
        missing.append(f"{SENTENCEPIECE_MODEL} (or {BPE_MODEL})")
    return missing


def tree_size(directory: Path) -> int:
    return sum(
        os.path.getsize(os.path.join(root, name))
        for root, _dirs, files in os.walk(directory)
        for name in files
    )


def read_package_dir(directory: Path, origin: PackageOrigin) -> InstalledPackage:
    """The package extracted in ``directory``; :class:`ModelError` if it is incomplete."""
    try:
        size = (directory / METADATA_FILE).stat().st_size
        if size > MAX_METADATA_BYTES:
            raise ModelError(
                f"{directory}: metadata.json is {size:,} bytes, over the "
                f"{MAX_METADATA_BYTES:,} a package's metadata can take",
                hint=f"this is not a genuine Argos package; {REDOWNLOAD_HINT}",
            )
        raw = (directory / METADATA_FILE).read_bytes()
    except OSError as error:
        raise ModelError(
            f"{directory}: cannot read metadata.json ({os_reason(error)})",
            hint="an Argos package folder holds metadata.json, model/ and sentencepiece.model",
        ) from None
    metadata = parse_metadata(raw, str(directory))
    missing = missing_files(lambda relative: (directory / relative).is_file())
    if missing:
        raise ModelError(
            f"{directory}: incomplete package, missing {', '.join(missing)}",
            hint="reinstall it from its .argosmodel file",
        )
    return InstalledPackage(
        source=metadata.source,
        target=metadata.target,
        version=metadata.version,
        path=directory,
        size_bytes=tree_size(directory),
        origin=origin,
        target_prefix=metadata.target_prefix,
        family=detect_family_in_dir(directory),
    )


def read_package(directory: str | Path, origin: PackageOrigin = "models-dir") -> InstalledPackage:
    """The package extracted in ``directory``, read from its ``metadata.json`` and files.

    Raises :class:`ModelError` naming what is missing or unreadable.
    """
    return read_package_dir(Path(directory).expanduser(), origin)


def is_translation_package(directory: Path) -> bool:
    """False for Argos's sentence-boundary ("sbd") packages, which polyglot_press never uses."""
    try:
        if (directory / METADATA_FILE).stat().st_size > MAX_METADATA_BYTES:
            return True  # let read_package_dir report the problem
        data = json.loads((directory / METADATA_FILE).read_bytes())
    except (OSError, ValueError):
        return True  # let read_package_dir report the problem
    return not isinstance(data, dict) or data.get("type", "translate") == "translate"
