"""sinotime: a curated timeline of planned and completed events, published as calendars,
feeds and reports."""

__version__ = "0.1.0"
