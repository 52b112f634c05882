"""The built page in a real browser: headless Chromium driven by Selenium.

One browser session serves the whole module. The page is served from a server on 127.0.0.1
that records every request it gets, and Chromium's own network log records every request it
makes, so a stray fetch to any host would show. Without Chromium these tests skip on a laptop
and fail under CI (where `.ci/run` installs Debian's chromium and chromium-driver).
"""

from __future__ import annotations

import io
import json
import os
import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from PIL import Image
from selenium import webdriver
from selenium.webdriver import Chrome as WebDriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webelement import WebElement
from selenium.webdriver.support.ui import Select

from page_support import BASE_URL, fixture_data, fixture_timeline, published_catalogue
from sinotime.loading import load_events
from sinotime.models import EventsFile
from sinotime.output import write_files
from sinotime.page import render_page
from sinotime.site import Site
from sinotime.timeline import build_timeline

CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
    "--window-size=1280,1000",
)


def find_chromium() -> tuple[str, str]:
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    driver = shutil.which("chromedriver")
    if browser and driver:
        return browser, driver
    reason = "Chromium and chromedriver are needed (Debian: apt-get install chromium chromium-driver)"
    if os.environ.get("CI"):
        pytest.fail(f"{reason}; .ci/run installs them, so under CI this is a failure, not a skip")
    pytest.skip(reason)


SITE = Site(BASE_URL)


@dataclass
class Served:
    url: str
    requests: list[str] = field(default_factory=list)


class RecordingHandler(SimpleHTTPRequestHandler):
    requests: list[str]

    def log_message(self, format: str, *args: Any) -> None:
        self.requests.append(self.path)


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """The fixture's page, written as `build` writes it, served on 127.0.0.1."""
    folder = tmp_path_factory.mktemp("feeds")
    timeline = fixture_timeline()
    write_files(folder, render_page(timeline, SITE, published_catalogue(timeline, SITE)))
    requests: list[str] = []
    handler = type("Handler", (RecordingHandler,), {"requests": requests})
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(handler, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield Served(f"http://127.0.0.1:{server.server_address[1]}/index.html", requests)
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[WebDriver]:
    chromium, chromedriver = find_chromium()
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for flag in CHROMIUM_FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}")
    options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    driver = webdriver.Chrome(service=Service(executable_path=chromedriver), options=options)
    try:
        yield driver
    finally:
        driver.quit()


@pytest.fixture
def page(browser: WebDriver, served: Served) -> WebDriver:
    """The page freshly loaded, with the logs of earlier tests drained."""
    browser.get(served.url)
    return browser


def browser_log(browser: WebDriver, kind: str) -> list[dict[str, Any]]:
    """Chromium's log of one kind ("browser" is the console), drained as it is read."""
    entries: list[dict[str, Any]] = browser.get_log(kind)  # type: ignore[no-untyped-call]
    return entries


def requests_of_document(browser: WebDriver, document: str) -> list[str]:
    """Every request the browser sent for the document (itself included), to any host."""
    urls = []
    for entry in browser_log(browser, "performance"):
        message = json.loads(entry["message"])["message"]
        if message["method"] == "Network.requestWillBeSent":
            params = message["params"]
            if document in (params.get("documentURL"), params.get("initiator", {}).get("url")):
                urls.append(params["request"]["url"])
    return urls


def visible_event_ids(browser: WebDriver) -> list[str]:
    items = browser.find_elements(By.CSS_SELECTOR, "#events > li")
    return [str(li.get_attribute("id")).removeprefix("event-") for li in items if li.is_displayed()]


def test_the_page_loads_without_a_console_error_or_any_request_but_its_own(
    browser: WebDriver, served: Served
) -> None:
    browser_log(browser, "performance")
    browser_log(browser, "browser")
    served.requests.clear()
    browser.get(served.url)
    browser.find_element(By.ID, "chart")
    errors = [entry for entry in browser_log(browser, "browser") if entry["level"] in ("SEVERE", "WARNING")]
    assert errors == []
    assert [url for url in requests_of_document(browser, served.url) if not url.startswith("data:")] == [
        served.url
    ]
    assert served.requests == ["/index.html"]


def test_the_subscribe_links_carry_the_addresses_of_the_calendars_and_feeds(page: WebDriver) -> None:
    quick = page.find_element(By.CSS_SELECTOR, "header .quick a.subscribe")
    assert quick.is_displayed()
    assert quick.get_attribute("href") == "webcal://example.org/sinotime/sinotime.ics"
    buttons = page.find_elements(By.CSS_SELECTOR, "#subscribe a[href^='webcal:']")
    webcals = [str(a.get_attribute("href")) for a in buttons]
    offers = published_catalogue(fixture_timeline(), SITE).offers
    expected = [offer.calendar for offer in offers if offer.calendar]
    assert sorted(webcals) == sorted(f"webcal://example.org/sinotime/{n}" for n in expected)
    alternates = {
        link.get_attribute("href"): link.get_attribute("type")
        for link in page.find_elements(By.CSS_SELECTOR, "link[rel=alternate]")
    }
    assert alternates[f"{BASE_URL}sinotime.rss"] == "application/rss+xml"
    assert alternates[f"{BASE_URL}kind-infrastructure.atom"] == "application/atom+xml"
    assert alternates[f"{BASE_URL}series-amur-cableway.ics"] == "text/calendar"


def test_every_event_of_the_data_appears_with_its_flag(page: WebDriver) -> None:
    for entry in fixture_timeline():
        item = page.find_element(By.ID, f"event-{entry.event.id}")
        assert item.is_displayed()
        assert item.find_element(By.CSS_SELECTOR, "h3").text == entry.event.title
        assert item.find_element(By.CSS_SELECTOR, ".flag").text.startswith(entry.flag.label)
        chart_mark = page.find_element(By.CSS_SELECTOR, f"#chart a[href='#event-{entry.event.id}']")
        assert chart_mark.is_displayed()


def test_the_filters_show_only_the_chosen_kind_and_status(page: WebDriver) -> None:
    timeline = fixture_timeline()
    count = page.find_element(By.ID, "filter-count")
    assert page.find_element(By.ID, "filters").is_displayed()
    assert count.text == "Showing 10 of 10 events"
    kind = Select(page.find_element(By.ID, "filter-kind"))
    flag = Select(page.find_element(By.ID, "filter-flag"))

    kind.select_by_visible_text("Bridges and infrastructure")
    infrastructure = [e.event.id for e in timeline if e.event.kind == "infrastructure"]
    assert visible_event_ids(page) == infrastructure
    assert count.text == "Showing 3 of 10 events"

    flag.select_by_visible_text("Overdue")
    assert visible_event_ids(page) == ["cableway-opening"]
    faded = page.find_elements(By.CSS_SELECTOR, "#chart g.faded")
    assert len(faded) == 9
    assert page.find_element(By.CSS_SELECTOR, "#chart g[data-flag=overdue]").get_attribute("class") == (
        "entry f-overdue"
    )

    kind.select_by_visible_text("All kinds")
    flag.select_by_visible_text("Completed late")
    assert visible_event_ids(page) == ["road-bridge-opening", "rail-bridge-opening"]

    page.find_element(By.ID, "filter-reset").click()
    assert visible_event_ids(page) == [e.event.id for e in timeline]
    assert page.find_elements(By.CSS_SELECTOR, "#chart g.faded") == []


def test_without_javascript_every_event_is_listed_and_the_filters_are_absent(
    browser: WebDriver, served: Served
) -> None:
    browser.execute_cdp_cmd("Emulation.setScriptExecutionDisabled", {"value": True})
    try:
        browser.get(served.url)
        assert not browser.find_element(By.ID, "filters").is_displayed()
        assert visible_event_ids(browser) == [e.event.id for e in fixture_timeline()]
        assert browser.find_element(By.ID, "chart").is_displayed()
    finally:
        browser.execute_cdp_cmd("Emulation.setScriptExecutionDisabled", {"value": False})


def test_a_hostile_title_is_shown_as_text_and_runs_nothing(page: WebDriver) -> None:
    hostile = next(e for e in fixture_data().events if e.id == "hostile-title")
    item = page.find_element(By.ID, "event-hostile-title")
    assert item.find_element(By.CSS_SELECTOR, "h3").text == hostile.title
    assert hostile.description is not None
    assert hostile.description in item.text
    # Hovering the would-be onmouseover element and reaching every element would fire them.
    page.execute_script(
        "document.querySelectorAll('*').forEach(function (e) { e.dispatchEvent(new Event('mouseover')); });"
    )
    assert page.execute_script("return window.sinotimeInjected === undefined") is True
    assert page.find_elements(By.CSS_SELECTOR, "img, iframe, #events b") == []
    assert len(page.find_elements(By.CSS_SELECTOR, "script:not([type='application/ld+json'])")) == 1
    assert len(page.find_elements(By.CSS_SELECTOR, "script[type='application/ld+json']")) == 1


def test_on_a_phone_the_list_reflows_and_only_the_chart_scrolls_sideways(page: WebDriver) -> None:
    page.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": 390, "height": 844, "deviceScaleFactor": 2, "mobile": True},
    )
    try:
        page.refresh()
        page_width = page.execute_script("return document.documentElement.scrollWidth")
        assert page_width <= 390
        chart_box = page.find_element(By.CSS_SELECTOR, ".chart-scroll")
        assert page.execute_script("return arguments[0].scrollWidth > arguments[0].clientWidth", chart_box)
        item = page.find_element(By.ID, "event-rail-bridge-opening")
        assert item.size["width"] <= 390
    finally:
        page.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})


def coloured_pixels(element: WebElement) -> dict[str, int]:
    """How many pixels of the element's screenshot are near each flag colour, and not white."""
    image = Image.open(io.BytesIO(element.screenshot_as_png)).convert("RGB")
    targets = {"completed": (27, 122, 54), "completed-late": (166, 69, 0), "overdue": (196, 22, 28)}
    counts = dict.fromkeys(targets, 0)
    counts["not background"] = 0
    data = image.tobytes()
    for r, g, b in zip(data[0::3], data[1::3], data[2::3], strict=True):
        if min(r, g, b) < 200:
            counts["not background"] += 1
        for name, (tr, tg, tb) in targets.items():
            if abs(r - tr) + abs(g - tg) + abs(b - tb) < 60:
                counts[name] += 1
    return counts


def test_the_timeline_draws_plans_outcomes_and_the_overdue_cableway(page: WebDriver) -> None:
    chart = page.find_element(By.ID, "chart")
    assert chart.size["width"] > 900
    assert chart.size["height"] > 300
    page.set_window_size(1280, 3000)  # the whole chart in one screenshot
    try:
        counts = coloured_pixels(chart)
    finally:
        page.set_window_size(1280, 1000)
    assert counts["not background"] > 5_000
    assert counts["completed"] > 100  # the expos, the fair, the forum, the trade target
    assert counts["completed-late"] > 100  # the two bridges and their slips
    assert counts["overdue"] > 100  # the cableway


# --- the chart's labels, measured by the browser ---------------------------------------------------

BUNDLED = Path(__file__).parent.parent / "feeds" / "index.html"

LABEL_BOXES = """
const chart = document.getElementById("chart");
const view = chart.viewBox.baseVal;
const texts = Array.from(chart.querySelectorAll("text")).map(function (text) {
  const box = text.getBBox();
  const entry = text.closest("g.entry");
  return {
    cls: text.getAttribute("class"), x: box.x, y: box.y, width: box.width, height: box.height,
    lines: Array.from(text.querySelectorAll("tspan")).map(function (t) { return t.textContent; }),
    event: entry ? entry.querySelector("a").getAttribute("href").slice("#event-".length) : null
  };
});
return {width: view.width, height: view.height, texts: texts};
"""


def chart_texts(browser: WebDriver) -> dict[str, Any]:
    boxes: dict[str, Any] = browser.execute_script(LABEL_BOXES)
    return boxes


def overlapping(boxes: list[dict[str, Any]]) -> list[tuple[str, str]]:
    """Pairs of labels whose boxes overlap, found by a sweep from left to right."""
    pairs = []
    ordered = sorted(boxes, key=lambda b: b["x"])
    for index, a in enumerate(ordered):
        for b in ordered[index + 1 :]:
            if b["x"] >= a["x"] + a["width"]:
                break
            if b["y"] < a["y"] + a["height"] and a["y"] < b["y"] + b["height"]:
                pairs.append((a["event"], b["event"]))
    return pairs


def load_bundled() -> EventsFile:
    return load_events(BUNDLED.parent.parent / "events.yaml", today=date(2999, 1, 1))


def names_its_event(first_line: str, title: str) -> bool:
    """A label's first line is its event's title, or the title's first words (cut where a line may
    break: at a space, or after a hyphen, dash or slash)."""
    shown = first_line.removesuffix("…").rstrip()
    rest = title[len(shown) :]
    return bool(shown) and title.startswith(shown) and (not rest or rest[0] == " " or shown[-1] in "-‐–—/")


@pytest.mark.parametrize("width", [1280, 390])
def test_on_the_bundled_page_every_chart_label_is_inside_the_drawing_apart_and_named(
    browser: WebDriver, width: int
) -> None:
    browser.set_window_size(width, 1000)
    try:
        browser.get(BUNDLED.as_uri())
        drawn = chart_texts(browser)
    finally:
        browser.set_window_size(1280, 1000)
    for text in drawn["texts"]:
        inside = (
            text["x"] >= 0
            and text["y"] >= 0
            and text["x"] + text["width"] <= drawn["width"]
            and text["y"] + text["height"] <= drawn["height"]
        )
        assert inside, text
    labels = [text for text in drawn["texts"] if text["cls"] == "label"]
    assert overlapping(labels) == []
    titles = {event.id: event.title for event in load_bundled().events}
    assert {label["event"] for label in labels} == set(titles)
    for label in labels:
        assert len(label["lines"]) >= 2, label  # a title, then a date or status
        assert names_its_event(label["lines"][0], titles[label["event"]]), label


# --- the counts, the address, the order, the phone --------------------------------------------------


def test_a_count_filters_the_list_and_the_filter_is_in_the_address(page: WebDriver, served: Served) -> None:
    page.find_element(By.CSS_SELECTOR, ".tally a[href='#flag=completed-late']").click()
    assert visible_event_ids(page) == ["road-bridge-opening", "rail-bridge-opening"]
    assert page.find_element(By.ID, "filter-count").text == "Showing 2 of 10 events"
    Select(page.find_element(By.ID, "filter-kind")).select_by_visible_text("Bridges and infrastructure")
    assert page.current_url == f"{served.url}#kind=infrastructure&flag=completed-late"
    page.find_element(By.ID, "filter-reset").click()
    assert page.current_url == served.url
    assert len(visible_event_ids(page)) == 10


def test_a_shared_address_opens_the_same_view_newest_first(browser: WebDriver, served: Served) -> None:
    browser.get(f"{served.url}#kind=infrastructure&order=newest")
    infrastructure = [e.event.id for e in fixture_timeline() if e.event.kind == "infrastructure"]
    assert visible_event_ids(browser) == list(reversed(infrastructure))
    assert Select(browser.find_element(By.ID, "filter-order")).first_selected_option.text == "Newest first"
    browser.get(f"{served.url}#kind=no-such-kind")  # an unknown value shows everything
    assert len(visible_event_ids(browser)) == 10


def row_headings_in_view(browser: WebDriver) -> list[tuple[str, bool]]:
    """Each row heading of the chart, and whether it starts within the scrolled box's view."""
    return [
        (text, left - 1 <= start < right)
        for text, start, left, right in browser.execute_script(
            "var s = document.querySelector('.chart-scroll').getBoundingClientRect();"
            "return Array.from(document.querySelectorAll('#chart .row-label')).map(function (t) {"
            "  return [t.textContent, t.getBoundingClientRect().left, s.left, s.right]; });"
        )
    ]


@contextmanager
def on_a_phone(browser: WebDriver) -> Iterator[None]:
    """The page reloaded at 390 px wide, as on a phone, and back to the desktop size after."""
    browser.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": 390, "height": 844, "deviceScaleFactor": 2, "mobile": True},
    )
    try:
        browser.refresh()
        yield
    finally:
        browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})


def scroll_chart(browser: WebDriver, scroller: WebElement, to: str) -> None:
    browser.execute_script(
        f"arguments[0].scrollLeft = {to}; arguments[0].dispatchEvent(new Event('scroll'));", scroller
    )


def test_on_a_phone_each_row_of_the_chart_keeps_its_heading_in_view_when_scrolled(page: WebDriver) -> None:
    with on_a_phone(page):
        scroller = page.find_element(By.CSS_SELECTOR, ".chart-scroll")
        assert page.execute_script("return arguments[0].scrollLeft", scroller) > 0  # opened at as-of
        opened = row_headings_in_view(page)
        assert opened and all(in_view for _, in_view in opened), opened
        scroll_chart(page, scroller, "arguments[0].scrollWidth")
        at_the_end = row_headings_in_view(page)
        assert [text for text, _ in at_the_end] == [text for text, _ in opened]
        assert all(in_view for _, in_view in at_the_end), at_the_end
        scroll_chart(page, scroller, "0")
        assert all(in_view for _, in_view in row_headings_in_view(page))


def test_on_a_phone_the_chart_opens_at_the_as_of_line(page: WebDriver) -> None:
    with on_a_phone(page):
        scroller = page.find_element(By.CSS_SELECTOR, ".chart-scroll")
        as_of = page.find_element(By.CSS_SELECTOR, "#chart .as-of")
        shown = page.execute_script(
            "var s = arguments[0].getBoundingClientRect(), a = arguments[1].getBoundingClientRect();"
            "return [s.left, s.right, a.left, arguments[0].scrollLeft,"
            " arguments[0].scrollWidth - arguments[0].clientWidth];",
            scroller,
            as_of,
        )
        left, right, line, scrolled, most = shown
        assert scrolled > 0
        assert left < line < right, shown
        assert scrolled == most  # the fixture's as-of is its last change: the drawing ends there


def test_on_a_phone_the_chart_opens_with_the_as_of_line_a_third_of_the_way_in(
    browser: WebDriver, tmp_path: Path
) -> None:
    """As of March 2017 much is still ahead: the line stands a third of the way in, so that the labels
    of what is past due (to the right of their marks) and what is next are in view."""
    data = fixture_data()
    timeline = build_timeline(data, as_of=date(2017, 3, 1))
    write_files(tmp_path, render_page(timeline, SITE, published_catalogue(timeline, SITE)))
    browser.get((tmp_path / "index.html").as_uri())
    with on_a_phone(browser):
        scroller = browser.find_element(By.CSS_SELECTOR, ".chart-scroll")
        as_of = browser.find_element(By.CSS_SELECTOR, "#chart .as-of")
        left, right, line = browser.execute_script(
            "var s = arguments[0].getBoundingClientRect(), a = arguments[1].getBoundingClientRect();"
            "return [s.left, s.right, a.left];",
            scroller,
            as_of,
        )
        assert abs((line - left) - (right - left) / 3) < 4, (left, right, line)
