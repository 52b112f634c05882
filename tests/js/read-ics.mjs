// Reads iCalendar texts with ical.js (the parser Thunderbird uses) for the Python tests.
//
// Standard input: one JSON string (an .ics text) per line. Standard output: one JSON object per
// line, in the same order: the calendar's properties, its components in order, and each VEVENT's
// fields as ical.js understands them (timed starts also as UTC seconds, worked out from the
// file's own VTIMEZONE), or {"error": "..."} when ical.js cannot read the text.
import { createInterface } from "node:readline";
import ICAL from "ical.js";

// ical.js 2.2 leaves the RFC 7986 NAME and the X-WR- calendar names untyped (their raw text,
// escapes and all); a client that shows them reads them as text, as RFC 7986 and RFC 5545's
// default for X- properties say, and X-PUBLISHED-TTL as a duration.
const design = ICAL.design.icalendar.property;
for (const name of ["name", "x-wr-calname", "x-wr-caldesc"]) design[name] ??= { defaultType: "text" };
design["x-published-ttl"] ??= { defaultType: "duration" };

function timeOf(component, name) {
  const property = component.getFirstProperty(name);
  if (property === null) return null;
  const value = property.getFirstValue();
  const tzid = property.getParameter("tzid") ?? null;
  const result = { type: property.type, value: value.toString(), tzid, utc: null };
  if (property.type === "date-time") {
    const zoneComponent = tzid === null ? null : findZone(component.parent, tzid);
    if (zoneComponent !== null) {
      const zone = new ICAL.Timezone(zoneComponent);
      const local = value.clone();
      local.zone = zone;
      result.utc = local.toUnixTime();
    } else if (value.zone === ICAL.Timezone.utcTimezone) {
      result.utc = value.toUnixTime();
    }
  }
  return result;
}

function findZone(calendar, tzid) {
  for (const zone of calendar.getAllSubcomponents("vtimezone")) {
    if (zone.getFirstPropertyValue("tzid") === tzid) return zone;
  }
  return null;
}

function text(component, name) {
  const value = component.getFirstPropertyValue(name);
  return value === null ? null : String(value);
}

function read(ics) {
  const calendar = new ICAL.Component(ICAL.parse(ics));
  const properties = {};
  for (const property of calendar.getAllProperties()) {
    properties[property.name] ??= [];
    properties[property.name].push({
      value: String(property.getFirstValue()),
      type: property.type,
      parameters: property.toJSON()[1],
    });
  }
  const events = calendar.getAllSubcomponents("vevent").map((event) => {
    const geo = event.getFirstPropertyValue("geo");
    return {
      properties: event.getAllProperties().map((p) => p.name),
      uid: text(event, "uid"),
      summary: text(event, "summary"),
      description: text(event, "description"),
      location: text(event, "location"),
      url: text(event, "url"),
      status: text(event, "status"),
      sequence: event.getFirstPropertyValue("sequence"),
      geo: geo === null ? null : [Number(geo[0]), Number(geo[1])],
      categories: event.getAllProperties("categories").flatMap((p) => p.getValues().map(String)),
      dtstart: timeOf(event, "dtstart"),
      dtend: timeOf(event, "dtend"),
      dtstamp: timeOf(event, "dtstamp"),
      lastModified: timeOf(event, "last-modified"),
      subcomponents: event.getAllSubcomponents().map((c) => c.name),
    };
  });
  return {
    name: calendar.name,
    properties,
    components: calendar.getAllSubcomponents().map((c) => c.name),
    events,
  };
}

const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
for await (const line of lines) {
  let answer;
  try {
    answer = read(JSON.parse(line));
  } catch (error) {
    answer = { error: String(error && error.message ? error.message : error) };
  }
  process.stdout.write(JSON.stringify(answer) + "\n");
}
