"""Reads iCalendar texts with libical (the C library of Evolution and GNOME) for the Python tests.

Run by the system's python3, which has PyGObject and libical's introspection data (Debian's
python3-gi and gir1.2-ical-3.0), not by the test venv. Standard input: one JSON string (an .ics
text) per line. Standard output: one JSON object per line, in the shape tests/js/read-ics.mjs
writes, plus "errors": every X-LIC-ERROR libical adds while parsing and while checking RFC 5545's
restrictions (how many of each property a component may hold).
"""

from __future__ import annotations

import json
import sys
from typing import Any

import gi  # type: ignore[import-not-found]

gi.require_version("ICalGLib", "3.0")
from gi.repository import ICalGLib as I  # type: ignore[import-not-found]  # noqa: E402

ANY = I.PropertyKind.ANY_PROPERTY


def name_of(component: Any) -> str:
    return str(I.Component.kind_to_string(component.isa()))


def text_of(prop: Any) -> str:
    value = prop.get_value()
    kind = value.isa()
    if kind == I.ValueKind.TEXT_VALUE:
        return str(value.get_text())
    if kind == I.ValueKind.X_VALUE:
        return str(value.get_x())
    return str(prop.get_value_as_string())


def time_of(component: Any, calendar: Any, kind: Any) -> dict[str, Any] | None:
    prop = component.get_first_property(kind)
    if prop is None:
        return None
    value = prop.get_value().get_datetime()
    tzid = prop.get_first_parameter(I.ParameterKind.TZID_PARAMETER)
    tzid_text = tzid.get_tzid() if tzid is not None else None
    result: dict[str, Any] = {"tzid": tzid_text, "utc": None}
    if value.is_date():
        result["type"] = "date"
        result["value"] = f"{value.get_year():04d}-{value.get_month():02d}-{value.get_day():02d}"
        return result
    result["type"] = "date-time"
    result["value"] = (
        f"{value.get_year():04d}-{value.get_month():02d}-{value.get_day():02d}"
        f"T{value.get_hour():02d}:{value.get_minute():02d}:{value.get_second():02d}"
    )
    zone = calendar.get_timezone(tzid_text) if tzid_text else None
    if zone is not None:
        result["utc"] = value.as_timet_with_zone(zone)
    elif value.is_utc():
        result["utc"] = value.as_timet_with_zone(I.Timezone.get_utc_timezone())
    return result


def properties_of(component: Any) -> list[Any]:
    found = []
    prop = component.get_first_property(ANY)
    while prop is not None:
        found.append(prop)
        prop = component.get_next_property(ANY)
    return found


def subcomponents_of(component: Any) -> list[Any]:
    found = []
    child = component.get_first_component(I.ComponentKind.ANY_COMPONENT)
    while child is not None:
        found.append(child)
        child = component.get_next_component(I.ComponentKind.ANY_COMPONENT)
    return found


def errors_of(component: Any) -> list[str]:
    errors = [text_of(prop) for prop in properties_of(component) if prop.get_property_name() == "X-LIC-ERROR"]
    for child in subcomponents_of(component):
        errors += errors_of(child)
    return errors


def first_text(component: Any, name: str) -> str | None:
    for prop in properties_of(component):
        if prop.get_property_name() == name:
            return text_of(prop)
    return None


def read(ics: str) -> dict[str, Any]:
    calendar = I.Component.new_from_string(ics)
    if calendar is None:
        return {"error": "libical could not parse the text"}
    I.Component.check_restrictions(calendar)
    properties: dict[str, list[dict[str, Any]]] = {}
    for prop in properties_of(calendar):
        name = prop.get_property_name().lower()
        parameters = {}
        parameter = prop.get_first_parameter(I.ParameterKind.ANY_PARAMETER)
        while parameter is not None:
            text = parameter.as_ical_string()
            key, _, value = text.partition("=")
            parameters[key.lower()] = value.lower()
            parameter = prop.get_next_parameter(I.ParameterKind.ANY_PARAMETER)
        properties.setdefault(name, []).append(
            {"value": text_of(prop), "type": None, "parameters": parameters}
        )
    events = []
    for event in subcomponents_of(calendar):
        if name_of(event) != "VEVENT":
            continue
        geo_prop = event.get_first_property(I.PropertyKind.GEO_PROPERTY)
        geo = None
        if geo_prop is not None:
            geo = [geo_prop.get_geo().get_lat(), geo_prop.get_geo().get_lon()]
        categories = [
            text_of(prop) for prop in properties_of(event) if prop.get_property_name() == "CATEGORIES"
        ]
        sequence = first_text(event, "SEQUENCE")
        events.append(
            {
                "properties": [prop.get_property_name().lower() for prop in properties_of(event)],
                "uid": first_text(event, "UID"),
                "summary": first_text(event, "SUMMARY"),
                "description": first_text(event, "DESCRIPTION"),
                "location": first_text(event, "LOCATION"),
                "url": first_text(event, "URL"),
                "status": first_text(event, "STATUS"),
                "sequence": None if sequence is None else int(sequence),
                "geo": geo,
                "categories": categories,
                "dtstart": time_of(event, calendar, I.PropertyKind.DTSTART_PROPERTY),
                "dtend": time_of(event, calendar, I.PropertyKind.DTEND_PROPERTY),
                "dtstamp": time_of(event, calendar, I.PropertyKind.DTSTAMP_PROPERTY),
                "lastModified": time_of(event, calendar, I.PropertyKind.LASTMODIFIED_PROPERTY),
                "subcomponents": [name_of(c).lower() for c in subcomponents_of(event)],
            }
        )
    return {
        "name": name_of(calendar).lower(),
        "properties": properties,
        "components": [name_of(c).lower() for c in subcomponents_of(calendar)],
        "events": events,
        "errors": errors_of(calendar),
    }


def main() -> None:
    for line in sys.stdin:
        try:
            answer = read(json.loads(line))
        except Exception as error:  # report it to the test, which fails with it
            answer = {"error": f"{type(error).__name__}: {error}"}
        sys.stdout.write(json.dumps(answer) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
