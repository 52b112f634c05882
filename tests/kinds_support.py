"""The kinds that test files built in code declare: the bundled file's, as events.yaml has them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

BUNDLED_KINDS: list[dict[str, Any]] = yaml.safe_load(
    (Path(__file__).parent.parent / "events.yaml").read_text(encoding="utf-8")
)["kinds"]
BUNDLED_KIND_IDS = [kind["id"] for kind in BUNDLED_KINDS]
