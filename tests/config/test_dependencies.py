"""pyproject.toml and requirements.lock must agree: CI and make install the lock, so a pin in
pyproject that the locked version does not satisfy would go unnoticed until the next `make lock`."""

import tomllib

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from tests.conftest import ROOT


def locked_versions() -> dict[str, str]:
    lines = (ROOT / "requirements.lock").read_text().splitlines()
    pins = [line.split("==") for line in lines if line.strip() and not line.startswith("#")]
    return {canonicalize_name(name): version for name, version in pins}


def declared() -> list[Requirement]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    extras = [req for group in project["optional-dependencies"].values() for req in group]
    return [Requirement(req) for req in project["dependencies"] + extras]


def test_every_declared_dependency_is_locked_at_a_version_its_pin_admits():
    locked = locked_versions()
    for requirement in declared():
        version = locked.get(canonicalize_name(requirement.name))
        assert version, f"{requirement.name} is missing from requirements.lock"
        assert requirement.specifier.contains(version), f"{requirement} excludes {version}"


def test_every_pin_is_a_compatible_release_bound():
    for requirement in declared():
        operators = {spec.operator for spec in requirement.specifier}
        assert operators == {"~="}, f"{requirement}: pin with ~= at the locked version"
