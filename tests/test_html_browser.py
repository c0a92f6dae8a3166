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

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
NOW = "2026-11-28T18:00:00+00:00"
PWNED = "window.pwned"


def _missing() -> str | None:
    missing = [str(p) for p in (CHROMIUM, CHROMEDRIVER) if not p.exists()]
    try:
        import selenium  # noqa: F401
    except ImportError:
        missing.append("the selenium package")
    if not missing:
        return None
    return (
        f"{', '.join(missing)} missing: install Debian's chromium and chromium-driver "
        "(`apt-get install chromium chromium-driver`, as .ci/run does) and the test extras"
    )


@pytest.fixture(scope="session")
def driver(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """One headless chromium for the session: Debian's, with its chromedriver, its profile and
    home in a temporary folder, logging the console and the network."""
    missing = _missing()
    if missing is not None:
        if os.environ.get("CI"):
            pytest.fail(f"CI: the browser tests need a browser: {missing}")
        pytest.skip(missing)
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    folder = tmp_path_factory.mktemp("chromium")
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for argument in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-extensions",
        f"--user-data-dir={folder / 'profile'}",
        "--window-size=1440,900",
    ):
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    env = {
        **os.environ,
        "HOME": str(folder),
        "XDG_CONFIG_HOME": str(folder / "config"),
        "XDG_CACHE_HOME": str(folder / "cache"),
        "SE_OFFLINE": "true",  # Selenium Manager: never look for, or download, anything
    }
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SE_OFFLINE", "true")
        service = Service(str(CHROMEDRIVER), env=env)
        browser = webdriver.Chrome(service=service, options=options)
    browser.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": 1440, "height": 900, "deviceScaleFactor": 1, "mobile": False},
    )
    try:
        yield browser
    finally:
        browser.quit()


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
    assert "Linear Algebra" in rows[1].text or "Programming" in rows[1].text
    assert "Python for AI" in rows[2].text  # cy's current topic
    assert driver.get_log("browser") == []
    assert set(requests(driver)) == {Path("cohort.html").resolve().as_uri()}
