"""Benchmarks sit outside the serving apps: they may import every app, and nothing served
imports them (a served process never loads a synthetic dataset or a benchmark driver)."""

import ast

from tests.conftest import ROOT

SERVING = ["config", "core", "agencies", "cases", "graphql_api"]


def imported_modules(path) -> set[str]:
    tree = ast.parse(path.read_text(), filename=str(path))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module)
    return names


def test_no_serving_module_imports_the_benchmarks():
    offenders = [
        str(path.relative_to(ROOT))
        for package in SERVING
        for path in (ROOT / package).rglob("*.py")
        if any(name.split(".")[0] == "benchmarks" for name in imported_modules(path))
    ]
    assert offenders == []


def test_no_benchmark_is_left_in_a_serving_app():
    leftovers = [
        str(path.relative_to(ROOT))
        for package in SERVING
        for path in (ROOT / package).rglob("*benchmark*.py")
    ]
    assert leftovers == []
