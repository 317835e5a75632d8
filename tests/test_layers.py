"""The layers point one way: `core` depends on no app, `agencies` on `core`, `cases` on both,
`graphql_api` on all. Every import in every module of these apps is checked, imports inside
functions included (they hide a dependency as well as any other)."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Each app and the apps it may import.
LADDER = {
    "core": set(),
    "agencies": {"core"},
    "cases": {"core", "agencies"},
    "graphql_api": {"core", "agencies", "cases"},
}
# Benchmarks stand outside the serving apps (DESIGN.md); this one is leaving for `benchmarks/`.


def imported_modules(path: Path) -> set[str]:
    """The absolute names of the modules `path` imports, wherever the import statement stands."""
    package = path.relative_to(ROOT).with_suffix("").parts[:-1]
    names = set()
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = list(package[: len(package) - node.level + 1]) if node.level else []
            module = ".".join([*base, *(node.module.split(".") if node.module else [])])
            names.add(module)
            # `from . import policy` imports a module named by the alias.
            names.update(f"{module}.{alias.name}" for alias in node.names)
    return names


def upward_imports() -> list[str]:
    found = []
    for app, allowed in LADDER.items():
        for path in sorted((ROOT / app).rglob("*.py")):
            for name in sorted(imported_modules(path)):
                top = name.split(".")[0]
                if top in LADDER and top != app and top not in allowed:
                    found.append(f"{path.relative_to(ROOT)} imports {name}")
    return found


def test_no_import_runs_up_the_ladder():
    assert upward_imports() == []


def test_the_check_sees_imports_inside_functions():
    module = ROOT / "agencies" / "_ladder_probe.py"
    module.write_text("def f():\n    from cases import policy\n    from ..cases import models\n")
    try:
        found = upward_imports()
    finally:
        module.unlink()
    assert "agencies/_ladder_probe.py imports cases.policy" in found
