"""The roadmap and cohort pages in a real browser (issue 18): Debian's headless chromium through
its chromedriver, so that nothing is downloaded at run time (Selenium Manager stays offline).
The pages load from disk with no console error and no network request; the roadmap has one box
per topic; clicking one opens its panel; the search and filters narrow the boxes; a hostile
title stays text; the keyboard moves between topics; statuses are legible in both themes.

Run alone with `python -m pytest -m browser`. Without chromium and chromedriver these tests are
skipped, unless $CI is set: then they fail, saying what to install."""

from __future__ import annotations

import json
import os
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from tests.conftest import WriteNote, run

pytestmark = pytest.mark.browser

NOW = "2026-11-28T18:00:00+00:00"
PWNED = "window.pwned"


@pytest.fixture(scope="session")
def driver(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """One headless chromium for the session, started as bench/chromium.py starts it: Debian's,
    with its chromedriver, its profile and home in a temporary folder, logging the console and
    the network."""
    from bench import chromium

    missing = chromium.missing()
    if missing is not None:
        if os.environ.get("CI"):
            pytest.fail(f"CI: the browser tests need a browser: {missing}")
        pytest.skip(missing)
    browser = chromium.start(tmp_path_factory.mktemp("chromium"))
    try:
        yield browser
    finally:
        browser.quit()


@pytest.fixture
def wide(driver: Any) -> Iterator[Any]:
    """The browser at 1440×900, put back so after a test that changes it."""
    from bench import chromium

    yield driver
    chromium.viewport(driver, 1440, 900)


def open_page(driver: Any, page: Path) -> Any:
    """Open `page` from disk, with the logs of what came before it drained."""
    driver.get_log("browser")
    driver.get_log("performance")
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": []})
    driver.get(page.resolve().as_uri())
    driver.execute_script("return new Promise(r => requestAnimationFrame(() => r()))")
    return driver


def requests(driver: Any) -> list[str]:
    """The URLs the page asked for since it was opened."""
    found = []
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message["method"] == "Network.requestWillBeSent":
            found.append(message["params"]["request"]["url"])
    return found


def css(driver: Any, selector: str) -> list[Any]:
    from selenium.webdriver.common.by import By

    return list(driver.find_elements(By.CSS_SELECTOR, selector))


def shown_boxes(driver: Any) -> list[Any]:
    return [box for box in css(driver, "button.box") if box.is_displayed()]


def panel_title(driver: Any) -> str:
    titles = [h for h in css(driver, "#panel section.topic h2.topic-title") if h.is_displayed()]
    assert len(titles) <= 1
    return str(titles[0].text) if titles else ""


@pytest.fixture
def roadmap(runner: CliRunner, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The bundled roadmap's page for a learner part of the way through it."""
    monkeypatch.setenv("AIROADMAP_NOW", "2026-10-05T18:00:00+00:00")
    run(runner, "done", "python", "linear-algebra", "calculus")
    monkeypatch.setenv("AIROADMAP_NOW", NOW)
    run(runner, "start", "probability")
    run(runner, "skip", "version-control")
    run(runner, "note", "probability", "ch. 3 next")
    run(runner, "html")
    return Path("roadmap.html")


def test_the_page_loads_with_no_console_error_and_no_network_request(
    driver: Any, roadmap: Path
) -> None:
    open_page(driver, roadmap)
    css(driver, 'button.box[data-id="probability"]')[0].click()  # the script runs, and draws
    css(driver, "#search")[0].send_keys("data")
    assert driver.get_log("browser") == []
    assert set(requests(driver)) == {roadmap.resolve().as_uri()}


def test_one_box_per_topic_each_with_its_status_colour(driver: Any, roadmap: Path) -> None:
    from airoadmap.locations import bundled_curriculum
    from airoadmap.notes.loader import load_curriculum

    open_page(driver, roadmap)
    leaves = sorted(t.id for t in load_curriculum(bundled_curriculum()) if t.is_leaf)
    found = shown_boxes(driver)
    assert sorted(b.get_attribute("data-id") for b in found) == leaves
    status = {b.get_attribute("data-id"): b.get_attribute("data-status") for b in found}
    assert status["python"] == "done" and status["probability"] == "learning"
    assert status["version-control"] == "skipped" and status["statistics"] == "blocked"
    assert status["programming-mental-models"] == "ready"
    colours = {
        s: css(driver, f'button.box[data-status="{s}"]')[0].value_of_css_property("border-color")
        for s in ("done", "learning", "skipped", "ready", "blocked")
    }
    assert len(set(colours.values())) == 5  # each status its own colour


def test_clicking_a_topic_opens_its_panel_and_highlights_its_arrows(
    driver: Any, roadmap: Path
) -> None:
    open_page(driver, roadmap)
    assert panel_title(driver) == ""
    css(driver, 'button.box[data-id="probability"]')[0].click()
    assert panel_title(driver) == "Probability"
    panel = next(s for s in css(driver, "#panel section.topic") if s.is_displayed())
    assert "ch. 3 next" in panel.text and "Python for AI" in panel.text
    needs = css(driver, 'path.edge.needs[data-to="probability"]')
    assert [p.get_attribute("data-from") for p in needs] == ["python"]
    assert css(driver, 'path.edge.unlocks[data-from="probability"]')
    assert "is-need" in css(driver, 'button.box[data-id="python"]')[0].get_attribute("class")
    css(driver, 'button.box[data-id="statistics"]')[0].click()
    assert panel_title(driver) == "Statistics"


def test_the_search_and_the_filters_narrow_the_boxes(driver: Any, roadmap: Path) -> None:
    open_page(driver, roadmap)
    css(driver, "#search")[0].send_keys("probab")
    shown = shown_boxes(driver)
    assert shown and all("probab" in b.text.lower() for b in shown)
    assert len(shown) < 10
    assert css(driver, "#shown")[0].text == f"{len(shown)} of 111 topics shown"
    css(driver, "#search")[0].clear()
    css(driver, "#search")[0].send_keys(" ")  # input event: all again
    assert len(shown_boxes(driver)) == 111
    css(driver, '.chip[data-filter="ready"]')[0].click()
    ready = shown_boxes(driver)
    assert ready and {b.get_attribute("data-status") for b in ready} == {"ready"}
    css(driver, '.chip[data-filter="learning"]')[0].click()
    assert [b.get_attribute("data-id") for b in shown_boxes(driver)] == ["probability"]


def test_the_keyboard_moves_between_topics_opens_and_closes_them(
    driver: Any, roadmap: Path
) -> None:
    from selenium.webdriver.common.keys import Keys

    open_page(driver, roadmap)

    def focused() -> str:
        return str(driver.execute_script("return document.activeElement.dataset.id || ''"))

    # One tab stop for the roadmap: from the search box, Tab reaches its current box.
    css(driver, "#search")[0].click()
    active = driver.switch_to.active_element
    for _ in range(20):
        active.send_keys(Keys.TAB)
        active = driver.switch_to.active_element
        if focused():
            break
    assert focused() == "linear-algebra"
    active.send_keys(Keys.ARROW_DOWN)
    assert focused() == "matrix-decompositions"
    driver.switch_to.active_element.send_keys(Keys.ARROW_RIGHT)
    assert focused() == "programming-mental-models"  # the same row of the next map
    driver.switch_to.active_element.send_keys(Keys.ENTER)
    assert panel_title(driver) == "Programming Mental Models"
    driver.switch_to.active_element.send_keys(Keys.ESCAPE)
    assert panel_title(driver) == ""
    assert focused() == "programming-mental-models"
    driver.switch_to.active_element.send_keys("/")
    assert driver.switch_to.active_element.get_attribute("id") == "search"
    outline = css(driver, "#search")[0].value_of_css_property("outline-style")
    assert outline == "solid"  # focus is visible


@pytest.fixture
def hostile(runner: CliRunner, hub_vault: WriteNote, monkeypatch: pytest.MonkeyPatch) -> Path:
    vault = hub_vault(
        "Evil.md",
        """
        ---
        title: "<script>window.pwned = 1</script>"
        up: "[[M]]"
        summary: "<img src=x onerror='window.pwned = 2'>"
        ---
        <img src=x onerror="window.pwned = 3">

        </script><script>window.pwned = 4</script>
        """,
    )
    hub_vault("Plain.md", "---\nup: '[[M]]'\nrequires: ['[[Evil]]']\n---\n")
    run(runner, "note", "evil", "</script><script>window.pwned = 5</script>", "-c", str(vault))
    run(runner, "html", "-o", "hostile.html", "-c", str(vault))
    return Path("hostile.html")


def test_a_hostile_title_stays_text(driver: Any, hostile: Path) -> None:
    open_page(driver, hostile)
    box = css(driver, 'button.box[data-id="evil"]')[0]
    name = box.find_elements("css selector", ".name")[0]
    assert name.text == "<script>window.pwned = 1</script>"
    box.click()
    assert panel_title(driver) == "<script>window.pwned = 1</script>"
    panel = next(s for s in css(driver, "#panel section.topic") if s.is_displayed())
    assert "<img src=x onerror='window.pwned = 2'>" in panel.text
    assert "</script><script>window.pwned = 5</script>" in panel.text
    assert driver.execute_script(f"return {PWNED} === undefined")
    assert css(driver, "#panel img") == []
    assert driver.get_log("browser") == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_status_text_meets_wcag_aa_contrast_in_both_themes(
    driver: Any, roadmap: Path, scheme: str
) -> None:
    open_page(driver, roadmap)
    driver.execute_cdp_cmd(
        "Emulation.setEmulatedMedia",
        {"features": [{"name": "prefers-color-scheme", "value": scheme}]},
    )
    time.sleep(0.05)
    body = css(driver, "body")[0].value_of_css_property("background-color")
    assert (rgb(body)[0] < 60) == (scheme == "dark")
    for status in ("done", "learning", "skipped", "ready", "blocked"):
        box = css(driver, f'button.box[data-status="{status}"]')[0]
        text = rgb(box.value_of_css_property("color"))
        ground = rgb(box.value_of_css_property("background-color"))
        assert contrast(text, ground) >= 4.5, (scheme, status, text, ground)


def rgb(value: str) -> tuple[float, float, float]:
    numbers = value[value.index("(") + 1 : value.index(")")].split(",")
    r, g, b = (float(n) for n in numbers[:3])
    return r, g, b


def contrast(a: tuple[float, float, float], b: tuple[float, float, float]) -> float:
    """WCAG 2's contrast ratio of two sRGB colours."""

    def luminance(colour: tuple[float, float, float]) -> float:
        channels = [c / 255 for c in colour]
        linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_the_cohort_page_renders_three_learners(
    driver: Any, runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("AIROADMAP_NOW", NOW)
    for learner, topics in (("ada", ["python", "linear-algebra"]), ("bo", ["python"])):
        run(runner, "-l", learner, "done", *topics)
    run(runner, "-l", "cy", "start", "python")
    run(runner, "report", "--html", "cohort.html")
    open_page(driver, Path("cohort.html"))
    rows = css(driver, "table.learners tbody tr")
    assert [r.find_elements("css selector", "th")[0].text for r in rows] == ["ada", "bo", "cy"]
    assert (
        rows[1].find_elements("css selector", "td")[1].text == "Linear Algebra"
    )  # what `next` puts first
    assert "Python for AI" in rows[2].text  # cy's current topic
    assert driver.get_log("browser") == []
    assert set(requests(driver)) == {Path("cohort.html").resolve().as_uri()}


# --- a phone ------------------------------------------------------------------------------------


def test_on_a_phone_a_clicked_topic_shows_its_panel_and_esc_gives_focus_back(
    wide: Any, roadmap: Path
) -> None:
    from bench import chromium
    from selenium.webdriver.common.keys import Keys

    chromium.viewport(wide, 390, 844, mobile=True)
    open_page(wide, roadmap)
    first = css(wide, "button.box")[0]
    assert first.rect["y"] < 844  # the sidebar is compact: the roadmap starts on screen one
    box = css(wide, 'button.box[data-id="statistics"]')[0]
    box.click()
    title = next(h for h in css(wide, "#panel h2.topic-title") if h.is_displayed())
    assert title.text == "Statistics"
    top, bottom = wide.execute_script(
        "const r = arguments[0].getBoundingClientRect(); return [r.top, r.bottom]", title
    )
    assert top >= 0 and bottom <= 844  # in the viewport
    assert wide.execute_script(
        "return document.getElementById('panel').contains(document.activeElement)"
    )
    wide.switch_to.active_element.send_keys(Keys.ESCAPE)
    assert not css(wide, "#panel")[0].is_displayed()
    assert wide.execute_script("return document.activeElement.dataset.id") == "statistics"
    assert wide.get_log("browser") == []


# --- arrows -------------------------------------------------------------------------------------

# Every point of every arrow that falls inside a text's box (an area's title, a card's title or
# meta, a topic's name) must have that text painted over it: the hit test, with the arrows made
# hittable for the moment, finds the text's element before the arrow.
_ARROWS_UNDER_TEXT = """
const paths = Array.from(document.querySelectorAll('svg.arrows path.edge'));
const texts = Array.from(document.querySelectorAll(
  '.area-title .t, .area-title .pct, .card h3, .card .meta, .box .name, .side-label'));
const boxes = texts.map(t => [t, t.getBoundingClientRect()]);
const style = document.createElement('style');
style.textContent = 'svg.arrows, svg.arrows * { pointer-events: visiblePainted !important; }';
document.head.appendChild(style);
const over = [];
let inside = 0;
for (const path of paths) {
  const svg = path.ownerSVGElement.getBoundingClientRect();
  const length = path.getTotalLength();
  for (let at = 0; at <= length; at += 3) {
    const p = path.getPointAtLength(at);
    const x = svg.left + p.x, y = svg.top + p.y;
    if (x < 0 || y < 0 || x >= innerWidth || y >= innerHeight) continue;
    for (const [text, r] of boxes) {
      if (x < r.left || x > r.right || y < r.top || y > r.bottom) continue;
      inside++;
      const hits = document.elementsFromPoint(x, y);
      const t = hits.findIndex(e => text.contains(e) || e.contains(text));
      const a = hits.indexOf(path);
      if (a !== -1 && (t === -1 || a < t)) over.push(text.textContent.trim());
    }
  }
}
style.remove();
return [paths.length, inside, over];
"""


def test_arrows_never_run_over_text(driver: Any, roadmap: Path) -> None:
    open_page(driver, roadmap)
    count, _, over = driver.execute_script(_ARROWS_UNDER_TEXT)
    assert count > 10 and over == []
    css(driver, 'button.box[data-id="probability"]')[0].click()
    driver.execute_script("return new Promise(r => requestAnimationFrame(() => r()))")
    count, _, over = driver.execute_script(_ARROWS_UNDER_TEXT)
    assert css(driver, "path.edge.needs") and over == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_arrows_have_3_to_1_contrast_and_the_legend_shows_their_colours(
    driver: Any, roadmap: Path, scheme: str
) -> None:
    open_page(driver, roadmap)
    driver.execute_cdp_cmd(
        "Emulation.setEmulatedMedia",
        {"features": [{"name": "prefers-color-scheme", "value": scheme}]},
    )
    css(driver, 'button.box[data-id="probability"]')[0].click()
    driver.execute_script("return new Promise(r => requestAnimationFrame(() => r()))")
    ground = rgb(css(driver, "body")[0].value_of_css_property("background-color"))
    for kind in ("", ".needs", ".unlocks"):
        arrow = css(driver, f"svg.arrows path.edge{kind}")[0]
        stroke = arrow.value_of_css_property("stroke")
        assert css(driver, "svg.arrows path.edge")[0].value_of_css_property("opacity") == "1"
        assert contrast(rgb(stroke), ground) >= 3, (scheme, kind, stroke)
        key = css(driver, f".legend .line-swatch path.edge{kind}")[0]
        assert key.value_of_css_property("stroke") == stroke  # the legend is true


# --- the hash -----------------------------------------------------------------------------------


def test_a_malformed_hash_is_no_error_and_selecting_writes_the_hash(
    driver: Any, roadmap: Path
) -> None:
    driver.get_log("browser")
    driver.get(roadmap.resolve().as_uri() + "#topic=%E0%A4%A")
    driver.execute_script("return new Promise(r => requestAnimationFrame(() => r()))")
    assert driver.get_log("browser") == []
    assert panel_title(driver) == ""
    css(driver, 'button.box[data-id="statistics"]')[0].click()
    assert driver.execute_script("return location.hash") == "#topic=statistics"
    driver.get(roadmap.resolve().as_uri() + "#topic=probability")  # a deep link opens it
    driver.refresh()
    assert panel_title(driver) == "Probability"
    driver.switch_to.active_element.send_keys("\ue00c")  # Escape
    assert driver.execute_script("return location.hash") == ""


# --- the sidebar, filters, print, notes ---------------------------------------------------------


@pytest.fixture
def long_titles(runner: CliRunner, hub_vault: WriteNote) -> Path:
    long = "A very long topic title that goes on " * 3 + "Supercalifragilisticexpialidocious"
    hub_vault("Long.md", f"---\ntitle: {long}\nup: '[[M]]'\n---\n# {long}\n\n## Key concepts\n")
    hub_vault("Side.md", "---\nup: '[[M]]'\noptional: true\n---\n")
    vault = hub_vault("Short.md", "---\nup: '[[M]]'\n---\n")
    run(runner, "html", "-o", "long.html", "-c", str(vault))
    return Path("long.html")


def test_a_long_title_in_next_wraps_inside_the_sidebar_its_number_by_its_first_line(
    driver: Any, long_titles: Path
) -> None:
    open_page(driver, long_titles)
    sidebar = css(driver, "aside.sidebar")[0].rect
    item = css(driver, '.next-list li[data-topic="long"]')[0]
    button = item.find_elements("css selector", "button.link")[0]
    number = item.find_elements("css selector", ".num")[0]
    assert button.rect["height"] > 30  # wrapped onto lines
    assert button.rect["x"] + button.rect["width"] <= sidebar["x"] + sidebar["width"]
    assert abs(number.rect["y"] - button.rect["y"]) < 4  # beside the first line


def test_a_filter_hides_an_emptied_side_path_and_dimmed_text_stays_legible(
    driver: Any, long_titles: Path
) -> None:
    open_page(driver, long_titles)
    assert css(driver, ".side-label")[0].is_displayed()
    css(driver, "#search")[0].send_keys("short")
    card = css(driver, "article.card")[0]
    assert not css(driver, ".side-label")[0].is_displayed()
    css(driver, "#search")[0].send_keys("zzz")  # nothing matches: the card is dimmed
    assert "is-empty" in card.get_attribute("class")
    assert card.value_of_css_property("opacity") == "1"
    ground = rgb(card.value_of_css_property("background-color"))
    for selector in (".meta", ".none"):
        text = card.find_elements("css selector", selector)[0]
        assert text.is_displayed()
        assert contrast(rgb(text.value_of_css_property("color")), ground) >= 4.5, selector
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    try:
        assert not card.find_elements("css selector", ".none")[0].is_displayed()
        assert all(b.is_displayed() for b in card.find_elements("css selector", "button.box"))
        assert css(driver, ".side-label")[0].is_displayed()
        assert not any(k.is_displayed() for k in css(driver, ".legend .key-arrow"))
    finally:
        driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})


def test_a_notes_headings_are_smaller_than_the_topics_title(driver: Any, long_titles: Path) -> None:
    open_page(driver, long_titles)
    css(driver, 'button.box[data-id="long"]')[0].click()
    panel = next(s for s in css(driver, "#panel section.topic") if s.is_displayed())
    title = panel.find_elements("css selector", "h2.topic-title")[0]
    heading = panel.find_elements("css selector", ".body h2")[0]
    assert heading.text == "Key concepts"
    size = float(heading.value_of_css_property("font-size")[:-2])
    assert size < float(title.value_of_css_property("font-size")[:-2])
    assert (
        size
        <= float(
            panel.find_elements("css selector", "h3")[0].value_of_css_property("font-size")[:-2]
        )
        + 1
    )


def test_the_cohort_page_fits_a_phone(
    wide: Any, runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    from bench import chromium

    monkeypatch.setenv("AIROADMAP_NOW", NOW)
    run(runner, "-l", "ada", "done", "python")
    run(runner, "report", "--html", "cohort.html")
    chromium.viewport(wide, 390, 844, mobile=True)
    open_page(wide, Path("cohort.html"))
    width = wide.execute_script("return document.documentElement.scrollWidth")
    assert width <= 390  # the page: the wide table scrolls in its own box
    topics = css(wide, "table.topics")[0].rect
    assert topics["width"] <= 390


@pytest.fixture
def cohort_page(runner: CliRunner, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("AIROADMAP_NOW", NOW)
    run(runner, "-l", "ada", "done", "python", "linear-algebra")
    run(runner, "-l", "a-learner-with-a-long-name", "start", "python")
    run(runner, "report", "--html", "cohort.html")
    return Path("cohort.html")


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_learners_names_stay_in_view_as_the_table_scrolls_sideways(
    wide: Any, cohort_page: Path, scheme: str
) -> None:
    from bench import chromium

    chromium.viewport(wide, 700, 800)
    open_page(wide, cohort_page)
    wide.execute_cdp_cmd(
        "Emulation.setEmulatedMedia",
        {"features": [{"name": "prefers-color-scheme", "value": scheme}]},
    )
    box = css(wide, "table.learners")[0].find_element("xpath", "..")
    assert wide.execute_script("return arguments[0].scrollWidth > arguments[0].clientWidth", box)
    wide.execute_script("arguments[0].scrollLeft = 400", box)
    time.sleep(0.05)
    name = css(wide, 'table.learners tbody th[scope="row"]')[0]
    assert name.rect["x"] - box.rect["x"] < 2  # at the left edge still
    x = name.rect["x"] + name.rect["width"] / 2
    y = name.rect["y"] + name.rect["height"] / 2
    on_top = wide.execute_script(
        "const e = document.elementFromPoint(arguments[0], arguments[1]);"
        "return e && e.closest('th') === arguments[2]",
        x,
        y,
        name,
    )
    assert on_top  # over the cells scrolled under it
    ground = name.value_of_css_property("background-color")
    assert not ground.startswith("rgba(0, 0, 0, 0)")  # opaque: the cells do not show through
    assert contrast(rgb(name.value_of_css_property("color")), rgb(ground)) >= 4.5
    card = rgb(css(wide, ".table-wrap")[0].value_of_css_property("background-color"))
    assert rgb(ground) == card


def test_the_topics_switch_shows_all_topics_or_only_those_begun(
    wide: Any, cohort_page: Path
) -> None:
    open_page(wide, cohort_page)
    rows = css(wide, "table.topics tr[data-topic]")
    assert len(rows) == 111
    shown = [r.get_attribute("data-topic") for r in rows if r.is_displayed()]
    assert "python" in shown and len(shown) < 6  # those ada finished and those two are at
    switch = css(wide, "#only-active")[0]
    assert switch.is_selected()
    switch.click()
    assert sum(1 for r in rows if r.is_displayed()) == 111
    table = css(wide, "table.topics")[0].rect
    wrap = css(wide, "table.topics")[0].find_element("xpath", "..").rect
    assert table["width"] >= wrap["width"] - 4  # the card's width


def test_print_has_no_fold_triangles_and_the_progress_title_above_its_charts(
    driver: Any, roadmap: Path
) -> None:
    open_page(driver, roadmap)
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    try:
        for summary in css(driver, ".fold > summary"):
            if not summary.is_displayed():
                continue
            mark = driver.execute_script(
                "return getComputedStyle(arguments[0], '::before').content", summary
            )
            assert mark in ("none", "normal"), mark
            assert "▾" not in summary.text and "▸" not in summary.text
        title = css(driver, "#charts-h")[0].rect
        charts = css(driver, ".charts figure")
        assert len(charts) == 2 and all(f.is_displayed() for f in charts)
        assert all(title["y"] + title["height"] <= f.rect["y"] + 1 for f in charts)
        assert not css(driver, ".next")[0].is_displayed()
        assert not css(driver, "#panel")[0].is_displayed()
        driver.execute_script(  # as a narrow screen leaves them: closed
            "document.querySelectorAll('details.fold').forEach(f => { f.open = false; })"
        )
        for shown in (*charts, css(driver, ".legend li")[0]):  # printed all the same
            assert shown.rect["height"] > 10 and driver.execute_script(
                "const r = arguments[0].getBoundingClientRect();"
                "const e = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2);"
                "return arguments[0].contains(e)",
                shown,
            )
    finally:
        driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
