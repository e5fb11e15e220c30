"""The generator's house: stage folders in one direction (ARCHITECTURE.md), read from the code's
own imports, lazy ones (inside functions) included.

- a stage imports the shared vocabulary (the modules at the top of ``generator/``) and the stages
  before it, never one after it; the vocabulary imports no stage;
- no module imports another module's private (``_underscore``) names;
- no import cycle between modules;
- no module is named after a module of the standard library (``generator/html.py`` once was).
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest

from .conftest import ROOT

PACKAGE = ROOT / "generator"
#: The stages in the order data flows through them; ``draft`` stands beside them (it writes seeds).
STAGES = ("load", "validate", "render", "write", "publish", "engines")
SIDE = ("draft",)
#: Top-level modules that run the stages (they may import any of them).
RUNNERS = ("generator.pipeline", "generator.__main__")


def _name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def _imports(module: str) -> list[tuple[str, str, int]]:
    """(imported module, imported name or "", line) for every import of a generator module."""
    tree = ast.parse(MODULES[module].read_text(encoding="utf-8"))
    package = module if MODULES[module].name == "__init__.py" else module.rpartition(".")[0]
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(alias.name, "", node.lineno) for alias in node.names if alias.name.startswith("generator")]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")
                anchor = anchor[: len(anchor) - (node.level - 1)]
                base = ".".join(anchor + ([base] if base else []))
            if not base.startswith("generator"):
                continue
            for alias in node.names:
                sub = f"{base}.{alias.name}"
                found.append((sub, "", node.lineno) if sub in MODULES else (base, alias.name, node.lineno))
    return found


def _stage(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 2 or (len(parts) == 2 and parts[1] in STAGES + SIDE) else ""


def test_the_house_has_the_stage_folders_and_nothing_else_beside_the_vocabulary():
    folders = sorted(p.name for p in PACKAGE.iterdir() if p.is_dir() and (p / "__init__.py").is_file())
    assert folders == sorted(STAGES + SIDE)
    for stage in STAGES + SIDE:
        assert ast.get_docstring(ast.parse((PACKAGE / stage / "__init__.py").read_text(encoding="utf-8"))), f"generator/{stage}/__init__.py says what the stage holds"


def test_data_flows_one_way_through_the_stages():
    wrong = []
    for module in MODULES:
        here = _stage(module)
        for target, _, line in _imports(module):
            there = _stage(target)
            if module in RUNNERS or not there or there == here:
                continue
            if not here:
                wrong.append(f"{module}:{line} (shared vocabulary) imports the stage {target}")
            elif here in SIDE:
                if there in ("render", "write", "publish", "engines"):
                    wrong.append(f"{module}:{line} imports {target}")
            elif there in SIDE or STAGES.index(there) > STAGES.index(here):
                wrong.append(f"{module}:{line} ({here}) imports {target}, a later stage")
    assert wrong == []


def test_no_module_imports_another_modules_private_names():
    wrong = [
        f"{module}:{line} imports {target}.{name}"
        for module in MODULES
        for target, name, line in _imports(module)
        if name.startswith("_") and target != module
    ]
    assert wrong == []


def test_no_import_cycles():
    graph = {module: {target for target, _, _ in _imports(module) if target in MODULES and target != module} for module in MODULES}
    # a package's __init__ is imported with each of its modules: only its own imports count
    cycles = []
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> None:  # Tarjan's strongly connected components
        index[node] = low[node] = len(index)
        stack.append(node)
        for nxt in sorted(graph[node]):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                cycles.append(sorted(component))

    for module in sorted(graph):
        if module not in index:
            visit(module)
    assert cycles == []


@pytest.mark.parametrize("module", sorted(MODULES))
def test_no_module_is_named_after_a_standard_library_module(module: str):
    assert module.rpartition(".")[2] not in sys.stdlib_module_names
