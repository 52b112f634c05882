"""Where the output folder is published: what every renderer needs to know of the web server.

A module of its own so that the renderers need not import `build`, which loads the events
file (and with it pydantic and the YAML reader).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Site:
    """Where the output folder is published; None when no public address is known."""

    base_url: str | None

    def url(self, name: str) -> str | None:
        """The public address of a file in the output folder."""
        return None if self.base_url is None else self.base_url + name
