"""Which day it is, in the three senses sinotime needs; the only module that reads the clock."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta


def today_somewhere() -> date:
    """The latest date it is anywhere on Earth (UTC+14): what the data may not be dated after.

    A curator in Harbin who records today's outcome must not see it called "in the future"
    by a CI machine or a reader in California, where it is still yesterday.
    """
    return (datetime.now(UTC) + timedelta(hours=14)).date()


def utc_today() -> date:
    """Today in UTC: the day `build` decides statuses on, the same on every machine that day."""
    return datetime.now(UTC).date()


def local_today() -> date:
    """Today on this machine's clock, in its local time zone."""
    return datetime.now().astimezone().date()
