"""PipelineConfig takes paths as str or os.PathLike and sequences of any kind (issue 17)."""

from __future__ import annotations

import ast
import dataclasses
import inspect
import os
import pickle
from pathlib import Path
from typing import Any

import pytest

from polyglot_press import PipelineConfig
from polyglot_press import _config as config_module
from polyglot_press.errors import PolyglotPressError


class Place(os.PathLike[str]):
    """A path-like object that is not a Path."""

    def __init__(self, path: str) -> None:
        self.path = path

    def __fspath__(self) -> str:
        return self.path


def test_paths_and_sequences_are_normalised() -> None:
    config = PipelineConfig(
        models_dir=Place("models"),
        glossary=["a.tsv", Place("b.tsv"), Path("c.tsv")],
        langs=["ko", "english", "en"],
        translation_memory="tm.sqlite",
    )
    assert config.models_dir == Path("models")
    assert config.glossary == (Path("a.tsv"), Path("b.tsv"), Path("c.tsv"))
    assert config.langs == ("ko", "en")
    assert config.translation_memory == Path("tm.sqlite")
    assert config == PipelineConfig(
        models_dir=Path("models"),
        glossary=(Path("a.tsv"), Path("b.tsv"), Path("c.tsv")),
        langs=("ko", "en"),
        translation_memory=Path("tm.sqlite"),
    )
    assert pickle.loads(pickle.dumps(config)) == config
    # A lone string is one item, not its characters.
    assert PipelineConfig(glossary="one.tsv").glossary == (Path("one.tsv"),)
    assert PipelineConfig(langs="en").langs == ("en",)


@pytest.mark.parametrize(
    "options",
    [{"glossary": [3]}, {"models_dir": 3}, {"langs": [None]}, {"glossary": 3}],
    ids=["glossary-item", "models-dir", "langs-item", "glossary"],
)
def test_wrong_types_are_clear_errors(options: dict[str, Any]) -> None:
    with pytest.raises(PolyglotPressError) as raised:
        PipelineConfig(**options)
    assert raised.value.hint


def test_the_typed_init_lists_every_field_with_its_default() -> None:
    """The ``if TYPE_CHECKING`` __init__ (what mypy sees) matches the generated one."""
    tree = ast.parse(inspect.getsource(config_module))
    (cls,) = [n for n in tree.body if isinstance(n, ast.ClassDef) and n.name == "PipelineConfig"]
    (init,) = [
        n
        for block in cls.body
        if isinstance(block, ast.If)
        for n in block.body
        if isinstance(n, ast.FunctionDef) and n.name == "__init__"
    ]
    names = [arg.arg for arg in init.args.args[1:]]
    fields = dataclasses.fields(PipelineConfig)
    assert names == [field.name for field in fields]
    defaults = dict(zip(names, init.args.defaults, strict=True))
    for field in fields:
        if field.default is dataclasses.MISSING:
            assert ast.literal_eval(defaults[field.name]) is Ellipsis  # a default factory
        else:
            value = eval(ast.unparse(defaults[field.name]), vars(config_module))
            assert value == field.default, field.name
