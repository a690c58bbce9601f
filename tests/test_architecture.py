"""Guards for the package layout (issues 10 and 20): small modules and functions, public names
behind ``__all__``, the layers of pyproject.toml's import-linter contract (every import counted,
function-local and ``TYPE_CHECKING`` ones too), no import cycle, a light ``import polyglot_press``.

Everything is read with :mod:`ast` from the source tree, so a violation is reported with its
file, name and size without importing the module that has it. A known violation in a module
still being reworked is listed below; its test is an expected failure that turns into a real
one both when the module gains another violation and when the listed one is fixed (then delete
the entry).
"""

from __future__ import annotations

import ast
import importlib
import re
import subprocess
import sys
import tomllib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "polyglot_press"
MAX_MODULE_LINES = 400
MAX_FUNCTION_LINES = 60
#: Libraries that take from a tenth of a second to several seconds to import (torch, stanza);
#: product code imports them inside the functions that need them.
HEAVY_LIBRARIES = (
    "torch",
    "ctranslate2",
    "sentencepiece",
    "stanza",
    "spacy",
    "argostranslate",
    "sumy",
    "langdetect",
    "kiwipiepy",
    "jinja2",
    "sacrebleu",
)

#: Modules allowed to exceed MAX_MODULE_LINES, with the reason. Keep it empty.
LONG_MODULES: dict[str, str] = {}
#: Functions over MAX_FUNCTION_LINES in modules another change is reworking, by module:
#: {relative path: ({qualified name: lines}, reason)}.
LONG_FUNCTIONS: dict[str, tuple[dict[str, int], str]] = {}


class KnownViolation(Exception):
    """Raised instead of an assertion when a module breaks a rule exactly as listed above."""


@dataclass(frozen=True, slots=True)
class Module:
    path: Path

    @property
    def relative(self) -> str:
        return self.path.relative_to(ROOT).as_posix()

    @property
    def name(self) -> str:
        parts = self.path.relative_to(ROOT).with_suffix("").parts
        return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)

    @property
    def is_package(self) -> bool:
        return self.path.name == "__init__.py"

    def tree(self) -> ast.Module:
        return ast.parse(self.path.read_text(encoding="utf-8"), filename=str(self.path))


MODULES = tuple(Module(path) for path in sorted(PACKAGE.rglob("*.py")))
MODULE_NAMES = {module.name for module in MODULES}
PACKAGES = tuple(module for module in MODULES if module.is_package)


def _ids(modules: tuple[Module, ...]) -> list[str]:
    return [module.relative for module in modules]


def test_the_source_tree_is_found() -> None:
    # Every other test loops over these: an empty or partial list would make them pass vacuously.
    assert len(MODULES) > 50
    assert len(PACKAGES) > 10
    assert {"polyglot_press", "polyglot_press.errors", "polyglot_press.cli"} <= MODULE_NAMES


def _params(modules: tuple[Module, ...], known: dict[str, str]) -> list[object]:
    """One parameter per module; a module in ``known`` (path → reason) is expected to fail."""
    params: list[object] = []
    for module in modules:
        reason = known.get(module.relative)
        marks = [] if reason is None else [_expected_violation(reason)]
        params.append(pytest.param(module, id=module.relative, marks=marks))
    return params


def _expected_violation(reason: str) -> pytest.MarkDecorator:
    return pytest.mark.xfail(raises=KnownViolation, strict=True, reason=reason)


def _check(found: dict[str, int], listed: set[str], rule: str) -> None:
    """Fails on a violation that is not listed; raises KnownViolation when exactly the listed
    ones remain (the xfail mark expects it), so fixing them turns the xfail into a failure."""
    described = ", ".join(f"{name} ({lines} lines)" for name, lines in sorted(found.items()))
    assert set(found) <= listed, f"{rule}: {described}"
    if found:
        raise KnownViolation(f"{rule}: {described}")


# --- sizes ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("module", _params(MODULES, LONG_MODULES))
def test_modules_are_short(module: Module) -> None:
    lines = len(module.path.read_text(encoding="utf-8").splitlines())
    found = {module.relative: lines} if lines > MAX_MODULE_LINES else {}
    _check(found, set(LONG_MODULES).intersection({module.relative}), "module too long")


def _functions(node: ast.AST, prefix: str = "") -> Iterator[tuple[str, int]]:
    """(qualified name, lines from ``def`` to the last line) of every function, nested ones too."""
    for child in ast.iter_child_nodes(node):
        if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef):
            name = prefix + child.name
            # lineno is the ``def`` line: decorators are not counted.
            yield name, (child.end_lineno or child.lineno) - child.lineno + 1
            yield from _functions(child, f"{name}.<locals>.")
        elif isinstance(child, ast.ClassDef):
            yield from _functions(child, f"{prefix}{child.name}.")
        else:
            yield from _functions(child, prefix)


_SAMPLE = """
def f():
    x = 1

    return x

class C:
    @staticmethod
    def g():
        def h(): pass
"""


def test_function_sizes_are_measured() -> None:
    sizes = dict(_functions(ast.parse(_SAMPLE)))
    assert sizes == {"f": 4, "C.g": 2, "C.g.<locals>.h": 1}
    total = sum(1 for module in MODULES for _ in _functions(module.tree()))
    assert total > 500


@pytest.mark.parametrize(
    "module", _params(MODULES, {path: why for path, (_, why) in LONG_FUNCTIONS.items()})
)
def test_functions_are_short(module: Module) -> None:
    found = {name: lines for name, lines in _functions(module.tree()) if lines > MAX_FUNCTION_LINES}
    listed = set(LONG_FUNCTIONS.get(module.relative, ({}, ""))[0])
    _check(found, listed, f"function over {MAX_FUNCTION_LINES} lines in {module.relative}")


# --- public names --------------------------------------------------------------------------------


def _declared_all(tree: ast.Module) -> list[str] | None:
    for statement in tree.body:
        value: ast.expr | None
        if isinstance(statement, ast.Assign):
            targets, value = statement.targets, statement.value
        elif isinstance(statement, ast.AnnAssign):
            targets, value = [statement.target], statement.value
        else:
            continue
        if any(isinstance(target, ast.Name) and target.id == "__all__" for target in targets):
            assert isinstance(value, ast.List | ast.Tuple), "__all__ must be a literal list"
            names = [element.value for element in value.elts if isinstance(element, ast.Constant)]
            assert all(isinstance(name, str) for name in names), "__all__ must hold only strings"
            assert len(names) == len(value.elts), "__all__ must hold only strings"
            return [str(name) for name in names]
    return None


@pytest.mark.parametrize("package", PACKAGES, ids=_ids(PACKAGES))
def test_packages_declare_their_public_names(package: Module) -> None:
    declared = _declared_all(package.tree())
    assert declared is not None, f"{package.relative} defines no __all__"
    assert declared, f"{package.relative}: __all__ is empty"
    duplicates = sorted({name for name in declared if declared.count(name) > 1})
    assert not duplicates, f"{package.relative}: listed twice in __all__: {duplicates}"
    # getattr, not the source: the top-level package resolves its names lazily.
    imported = importlib.import_module(package.name)
    missing = [name for name in declared if not hasattr(imported, name)]
    assert not missing, f"{package.relative}: __all__ names what it does not define: {missing}"


def _public_imports(package: Module) -> set[str]:
    """Public names a package ``__init__`` imports at top level from polyglot_press modules."""
    names: set[str] = set()
    for statement in package.tree().body:
        if isinstance(statement, ast.ImportFrom) and (
            statement.level or (statement.module or "").startswith("polyglot_press")
        ):
            names.update(alias.asname or alias.name for alias in statement.names)
    return {name for name in names if not name.startswith("_")}


@pytest.mark.parametrize("package", PACKAGES, ids=_ids(PACKAGES))
def test_packages_list_every_name_they_re_export(package: Module) -> None:
    unlisted = sorted(_public_imports(package) - set(_declared_all(package.tree()) or ()))
    assert not unlisted, f"{package.relative} re-exports names missing from __all__: {unlisted}"


# --- import graph --------------------------------------------------------------------------------


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _all_imports(tree: ast.AST) -> Iterator[ast.Import | ast.ImportFrom]:
    """Every import statement: at module level, in functions, for type checkers alike."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Import | ast.ImportFrom):
            yield node


def _run_time_imports(node: ast.AST) -> Iterator[ast.Import | ast.ImportFrom]:
    """Imports that can run: everywhere (functions included) but under ``if TYPE_CHECKING:``."""
    if isinstance(node, ast.Import | ast.ImportFrom):
        yield node
        return
    if isinstance(node, ast.If) and _is_type_checking(node.test):
        children: Iterable[ast.AST] = node.orelse
    else:
        children = ast.iter_child_nodes(node)
    for child in children:
        yield from _run_time_imports(child)


def _imported_modules(module: Module, statement: ast.Import | ast.ImportFrom) -> set[str]:
    if isinstance(statement, ast.Import):
        return {alias.name for alias in statement.names}
    if statement.level:
        package = module.name if module.is_package else module.name.rpartition(".")[0]
        for _ in range(statement.level - 1):
            package = package.rpartition(".")[0]
        base = f"{package}.{statement.module}" if statement.module else package
    else:
        base = statement.module or ""
    submodules = {f"{base}.{alias.name}" for alias in statement.names}
    # ``from package import _submodule`` needs only the submodule: the package may still be
    # initialising (that is how a package's own modules import each other).
    if submodules <= MODULE_NAMES:
        return submodules
    return {base} | submodules


def import_graph(*, type_checking: bool = True) -> dict[str, set[str]]:
    """polyglot_press module → the polyglot_press modules it imports anywhere in its source
    (function-local imports included); ``type_checking=False`` leaves out the imports made for
    type checkers only, which never run."""
    graph: dict[str, set[str]] = {}
    for module in MODULES:
        tree = module.tree()
        statements = _all_imports(tree) if type_checking else _run_time_imports(tree)
        targets: set[str] = set()
        for statement in statements:
            targets |= _imported_modules(module, statement)
        graph[module.name] = (targets & MODULE_NAMES) - {module.name}
    return graph


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import cycle as a path ``[a, b, ..., a]``, or ``None``."""
    state: dict[str, str] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = "open"
        stack.append(node)
        for target in sorted(graph.get(node, ())):
            if state.get(target) == "open":
                return [*stack[stack.index(target) :], target]
            if target not in state and (cycle := visit(target)) is not None:
                return cycle
        stack.pop()
        state[node] = "done"
        return None

    for node in sorted(graph):
        if node not in state and (cycle := visit(node)) is not None:
            return cycle
    return None


_IMPORTS_SAMPLE = """
import a
from b import c
if TYPE_CHECKING:
    import hidden_for_type_checkers
else:
    import d
try:
    import e
except ImportError:
    import f
class G:
    import h
def later():
    import in_function
    with x:
        if y:
            import deep_in_function
"""


def test_every_import_counts_function_local_and_type_checking_ones() -> None:
    tree = ast.parse(_IMPORTS_SAMPLE)
    every = [alias.name for statement in _all_imports(tree) for alias in statement.names]
    assert set(every) == {"a", "c", "d", "e", "f", "h", "in_function", "deep_in_function"} | {
        "hidden_for_type_checkers"
    }
    run_time = [alias.name for statement in _run_time_imports(tree) for alias in statement.names]
    assert sorted(run_time) == sorted(set(every) - {"hidden_for_type_checkers"})


def test_cycle_finder_finds_cycles() -> None:
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set(), "c": {"a", "b"}}) is None


def test_no_import_cycle() -> None:
    # Imports for type checkers never run, so they cannot make a cycle at run time; every
    # other import counts, function-local ones included.
    graph = import_graph(type_checking=False)
    assert sum(len(targets) for targets in graph.values()) > 100, "found too few imports"
    assert "polyglot_press.errors" in graph["polyglot_press._languages"]
    cycle = find_cycle(graph)
    assert cycle is None, "import cycle: " + " → ".join(cycle or ())


# --- layers --------------------------------------------------------------------------------------

#: pyproject.toml's import-linter configuration: the contract this file checks too.
IMPORT_LINTER = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"][
    "importlinter"
]


def _layers() -> list[list[str]]:
    """The layers contract, top first: each layer's modules (``a | b``: independent)."""
    [contract] = [c for c in IMPORT_LINTER["contracts"] if c["type"] == "layers"]
    assert contract["containers"] == ["polyglot_press"]
    return [[part.strip() for part in layer.split("|")] for layer in contract["layers"]]


def _layer_of(module: str, layers: list[list[str]]) -> tuple[int, str] | None:
    """(layer index, top-level name) of a module, ``None`` for the top-level package."""
    if module == "polyglot_press":
        return None
    top = module.split(".")[1]
    for index, names in enumerate(layers):
        if top in names:
            return index, top
    raise AssertionError(f"{module} is in no layer of pyproject.toml's import-linter contract")


def layer_violations(graph: dict[str, set[str]], layers: list[list[str]]) -> list[str]:
    """``importer → imported`` for every import that goes up a layer or across an independent
    one. Importing the top-level package counts as importing what it imports (it re-exports
    the public API), as import-linter follows it."""
    root = graph.get("polyglot_press", set())
    found = []
    for importer, targets in sorted(graph.items()):
        mine = _layer_of(importer, layers)
        if mine is None:
            continue
        for target in sorted(targets | (root if "polyglot_press" in targets else set())):
            theirs = _layer_of(target, layers)
            if theirs is None or theirs[1] == mine[1]:
                continue
            if theirs[0] <= mine[0]:
                where = "above" if theirs[0] < mine[0] else "beside"
                found.append(f"{importer} → {target} (a layer {where} {mine[1]})")
    return found


def test_layer_checker_sees_imports_going_up() -> None:
    layers = [["top"], ["left", "right"], ["bottom"]]
    graph = {
        "polyglot_press": {"polyglot_press.top"},
        "polyglot_press.top": {"polyglot_press.left"},
        "polyglot_press.left._a": {"polyglot_press.bottom", "polyglot_press.left._b"},
        "polyglot_press.right": {"polyglot_press.left"},
        "polyglot_press.bottom": {"polyglot_press"},
    }
    assert layer_violations(graph, layers) == [
        "polyglot_press.bottom → polyglot_press.top (a layer above bottom)",
        "polyglot_press.right → polyglot_press.left (a layer beside right)",
    ]


def test_every_top_level_module_is_in_a_layer() -> None:
    layers = _layers()
    for module in MODULE_NAMES - {"polyglot_press"}:
        _layer_of(module, layers)


def test_no_import_goes_up_a_layer() -> None:
    graph = import_graph()
    # In the graph: a function-local import (the CLI builds install validation's probe) and
    # one for type checkers only (the top-level package's annotations of the public API).
    assert "polyglot_press.pipeline" in graph["polyglot_press.cli.models"]
    assert "polyglot_press.report" in graph["polyglot_press"]
    assert "polyglot_press.report" not in import_graph(type_checking=False)["polyglot_press"]
    violations = layer_violations(graph, _layers())
    assert not violations, "imports that go up a layer:\n" + "\n".join(violations)


def test_import_linter_keeps_the_contract() -> None:
    # The same contract checked by the tool .ci/run runs (it builds its own graph, with grimp).
    assert IMPORT_LINTER.get("exclude_type_checking_imports", False) is False
    lint_imports = Path(sys.executable).with_name("lint-imports")
    if not lint_imports.exists():
        pytest.skip("import-linter is not installed (pip install -e '.[dev]')")
    done = subprocess.run(
        [str(lint_imports), "--no-cache", "--no-logo"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=300,
    )
    assert done.returncode == 0, done.stdout + done.stderr


# --- the installed package -----------------------------------------------------------------------


_PROBE = """
import importlib, sys
heavy = set(sys.argv[1].split())
loaded = set()
for name in sys.argv[2:]:
    importlib.import_module(name)
    now = {module.partition(".")[0] for module in sys.modules} & heavy
    if now - loaded:
        print(name + ": " + " ".join(sorted(now - loaded)))
    loaded |= now
"""


def _heavy_imports(*modules: str) -> list[str]:
    """``"module: libraries"`` for each module whose import loaded heavy libraries, in order."""
    done = subprocess.run(
        [sys.executable, "-c", _PROBE, " ".join(HEAVY_LIBRARIES), *modules],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.splitlines()


def test_heavy_library_probe_sees_imports() -> None:
    assert _heavy_imports("json", "jinja2", "sumy.utils") == ["jinja2: jinja2", "sumy.utils: sumy"]


def test_import_polyglot_press_loads_no_heavy_library() -> None:
    assert _heavy_imports("polyglot_press") == [], "import these inside the functions using them"


def test_importing_any_package_loads_no_heavy_library() -> None:
    names = [package.name for package in PACKAGES]
    assert len(names) > 10
    assert _heavy_imports(*names) == [], "import these inside the functions using them"


def test_module_entry_point_prints_help() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "polyglot_press", "--help"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert "Usage" in done.stdout
    assert "translate" in done.stdout


# --- the README ----------------------------------------------------------------------------------


_ENTRY_MODULES = ("__init__.py", "__main__.py")


def _how_it_is_built() -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    return readme.split("\n## How it is built\n", 1)[1].split("\n## ", 1)[0]


def test_the_readme_module_table_lists_the_tree() -> None:
    listed = set(re.findall(r"^\| `([\w.]+/?)` \|", _how_it_is_built(), re.MULTILINE))
    tree = {f"{path.parent.name}/" for path in PACKAGE.glob("*/__init__.py")}
    tree |= {path.name for path in PACKAGE.glob("*.py") if path.name not in _ENTRY_MODULES}
    assert listed == tree


def test_the_readme_data_flow_and_layers_match_the_tree() -> None:
    from polyglot_press.pipeline import DEFAULT_STAGES

    section = _how_it_is_built()
    flow = section.split("```", 2)[1]
    stages_line = flow.strip().splitlines()[0]
    assert re.findall(r"\w+", stages_line) == list(DEFAULT_STAGES)
    for stage in DEFAULT_STAGES:
        assert (PACKAGE / "pipeline" / f"_{stage}.py").is_file()
        assert f"_{stage}.py" in flow
    for layer in _layers()[1:]:  # __main__ is left out of the picture
        assert " | ".join(layer) in section, f"the README's layers lack {' | '.join(layer)}"
