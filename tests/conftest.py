"""Shared test fixtures: golden files, compared byte for byte.

Regenerate golden files only on purpose, after reading the diff:

    pytest --update-golden
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

GOLDEN = Path(__file__).parent / "golden"

Golden = Callable[[str, str | bytes], None]


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        default=False,
        help="Rewrite golden files and expected errors from the current output.",
    )


@pytest.fixture
def golden(request: pytest.FixtureRequest) -> Golden:
    """`golden("report/report.txt", output)` checks output against tests/golden/report/report.txt."""
    update = bool(request.config.getoption("--update-golden"))

    def check(name: str, actual: str | bytes) -> None:
        data = actual.encode() if isinstance(actual, str) else actual
        path = GOLDEN / name
        if update:
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

    return check


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    """True when golden and expected files are being rewritten (pytest --update-golden)."""
    return bool(request.config.getoption("--update-golden"))
