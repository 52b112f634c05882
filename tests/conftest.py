"""Shared test fixtures: golden files, compared byte for byte.

Regenerate golden files only on purpose, after reading the diff:

    pytest --update-golden
"""

from __future__ import annotations

from pathlib import Path

import pytest

GOLDEN = Path(__file__).parent / "golden"

GOLDEN_FILES = GOLDEN  # for tests that read a golden file a Golden wrote (the CLI's output)


class Golden:
    """`golden("report/report.txt", output)` checks output against tests/golden/report/report.txt,
    byte for byte; `golden.folder("calendars", files)` checks that tests/golden/calendars holds
    exactly `files`. With --update-golden both rewrite the files instead."""

    def __init__(self, update: bool) -> None:
        self.update = update

    def __call__(self, name: str, actual: str | bytes) -> None:
        data = actual.encode() if isinstance(actual, str) else actual
        path = GOLDEN / name
        if self.update:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
            return
        assert path.exists(), f"no golden file {path}; run pytest --update-golden to create it"
        expected = path.read_bytes()
        if data != expected:
            assert data.decode(errors="replace") == expected.decode(errors="replace"), (
                f"{name} differs from its golden file"
            )
            raise AssertionError(f"{name} differs from its golden file in bytes not shown")

    def folder(self, name: str, files: dict[str, bytes]) -> None:
        folder = GOLDEN / name
        if self.update:
            for stale in (path for path in folder.rglob("*") if path.is_file()):
                stale.unlink()
        for file_name, content in files.items():
            self(f"{name}/{file_name}", content)
        held = sorted(path.relative_to(folder).as_posix() for path in folder.rglob("*") if path.is_file())
        assert held == sorted(files), f"tests/golden/{name} holds other files; run pytest --update-golden"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        default=False,
        help="Rewrite golden files and expected errors from the current output.",
    )


@pytest.fixture
def golden(request: pytest.FixtureRequest) -> Golden:
    """Golden files, compared byte for byte (see `Golden`)."""
    return Golden(bool(request.config.getoption("--update-golden")))


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    """True when golden and expected files are being rewritten (pytest --update-golden)."""
    return bool(request.config.getoption("--update-golden"))
