"""The locks hold what the top-level lists ask for: every pin of requirements*.txt at the same
version in its lock, and every package in a lock pinned with its hashes, as
``pip install --require-hashes`` (``make``) needs. A list edited without ``make lock`` fails
here, not on a fresh clone."""

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PAIRS = [
    ("requirements.txt", "requirements.lock"),
    ("requirements-dev.txt", "requirements-dev.lock"),
]
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9_.-]*)(?:\[[^\]]*\])?==(\S+)")


def normal(name: str) -> str:
    """A package's name as PyPI compares it (PEP 503)."""
    return re.sub(r"[-_.]+", "-", name).lower()


def listed(path: Path) -> dict[str, str]:
    """name → version of every pin in a top-level list, following ``-r``."""
    pins: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line.startswith("-r "):
            pins |= listed(path.parent / line[3:].strip())
        elif match := PIN.match(line):
            pins[normal(match[1])] = match[2]
    return pins


def locked(path: Path) -> dict[str, tuple[str, int]]:
    """name → (version, how many hashes) of every package in a lock."""
    entries: dict[str, tuple[str, int]] = {}
    name = None
    for line in path.read_text(encoding="utf-8").splitlines():
        if match := PIN.match(line):
            name = normal(match[1])
            entries[name] = (match[2], 0)
        elif name and line.strip().startswith("--hash=sha256:"):
            version, hashes = entries[name]
            entries[name] = (version, hashes + 1)
        elif not line.startswith(" "):
            name = None
    return entries


@pytest.mark.parametrize(("top", "lock"), PAIRS)
def test_every_top_level_pin_is_in_its_lock_at_the_same_version(top, lock):
    versions = {name: version for name, (version, _) in locked(ROOT / lock).items()}
    wanted = listed(ROOT / top)
    assert wanted  # the list was read
    assert {name: v for name, v in wanted.items() if versions.get(name) != v} == {}


@pytest.mark.parametrize("lock", [lock for _, lock in PAIRS])
def test_every_locked_package_is_pinned_with_its_hashes(lock):
    entries = locked(ROOT / lock)
    assert len(entries) > 20  # the transitive packages too
    assert [name for name, (_, hashes) in entries.items() if hashes == 0] == []
