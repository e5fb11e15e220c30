"""Code that stays readable: no function of the generator above a cyclomatic complexity of 15,
as radon measures it (each branch, loop, ``except``, boolean operator and comprehension counts).
A function that grows past it is split, or its cases become data (a table of rule, message, fix)."""

from __future__ import annotations

from radon.complexity import cc_visit
from radon.visitors import Class, Function

from .conftest import ROOT

MAX_COMPLEXITY = 15


def too_complex(source: str, limit: int = MAX_COMPLEXITY) -> list[tuple[str, int, int]]:
    """(name, line, complexity) of every function and method of ``source`` above ``limit``
    (nested functions included)."""
    found = []
    blocks = [block for block in cc_visit(source) if not isinstance(block, Class)]  # methods are listed as functions
    while blocks:
        block = blocks.pop()
        assert isinstance(block, Function)
        blocks += block.closures
        if block.complexity > limit:
            found.append((block.fullname, block.lineno, block.complexity))
    return sorted(found, key=lambda item: item[1])


def test_no_function_of_the_generator_is_too_complex():
    found = [
        f"{path.relative_to(ROOT)}:{line} {name} has a cyclomatic complexity of {complexity} (at most {MAX_COMPLEXITY}): split it, or make its cases data"
        for path in sorted((ROOT / "generator").rglob("*.py"))
        for name, line, complexity in too_complex(path.read_text(encoding="utf-8"))
    ]
    assert not found, "\n".join(found)


def test_the_measure_counts_branches_boolean_operators_and_nested_functions():
    branches = "".join(f"    if x == {i} or x == -{i}:\n        return {i}\n" for i in range(8))
    source = f"def f(x):\n{branches}    return 0\n\nclass C:\n    def m(self, x):\n        def inner(x):\n{branches.replace('    ', '            ')}            return 0\n        return inner(x)\n"
    assert too_complex(source) == [("f", 1, 17), ("inner", 22, 17)]
    assert too_complex("def g(x):\n    return x\n") == []
