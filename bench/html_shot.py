"""Build airoadmap's web pages and take screenshots of them in headless Chromium (issue 18).

    python -m bench.html_shot                     # into a new temporary folder
    python -m bench.html_shot ~/shots             # into ~/shots (never inside the checkout)

Builds, each with `python -m airoadmap` in a temporary home (the clock pinned with
AIROADMAP_NOW, so the pages are the same on every run):
- bundled: `html` on the bundled roadmap for a learner with some progress: topics done weeks ago
  (their reviews due now and in the coming weeks), one in progress with a note, one skipped;
- moc: `html` on an Obsidian vault whose plain map-of-content hub links map notes (bench/moc.py's,
  600 notes) with a little progress;
- starter: `html` on the starter curriculum `airoadmap init` writes, with one topic done;
- cohort: `report --html` over three learners at different places (two at the same topic).

Then opens each page from disk in Debian's chromium (started as the browser tests start it:
bench/chromium.py; nothing is downloaded, its profile in the temporary folder) at a 1440×900
viewport and saves PNGs: each page as it opens, the bundled roadmap also with a topic selected,
in the dark theme, printed (print media emulated on an A4-wide page), and on a 390×844 phone
(as it opens and with a topic selected); the cohort page also in the dark theme and at 900 px
wide with its learners table scrolled sideways (the names stay). Prints each page's size, the
time to build it (the whole `airoadmap` process, median of --runs), and any console message.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

CHECKOUT = Path(__file__).resolve().parents[1]
NOW = "2026-11-28T18:00:00+00:00"
WEEKS_AGO = ["2026-10-05T18:00:00+00:00", "2026-10-19T18:00:00+00:00", "2026-11-09T18:00:00+00:00"]
WIDTH, HEIGHT = 1440, 900


def airoadmap(env: dict[str, str], *args: str, now: str = NOW) -> float:
    """Run `airoadmap ARGS` (must succeed); the seconds it took."""
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "airoadmap", *args],
        env={**env, "AIROADMAP_NOW": now},
        capture_output=True,
        text=True,
        check=False,
        stdin=subprocess.DEVNULL,
    )
    took = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"airoadmap {' '.join(args)} failed:\n{done.stderr}")
    return took


def timed(env: dict[str, str], runs: int, *args: str) -> float:
    airoadmap(env, *args)  # warm-up: fills the caches
    return statistics.median(airoadmap(env, *args) for _ in range(runs))


def bundled(env: dict[str, str], folder: Path, runs: int) -> tuple[Path, float]:
    for day, topics in zip(
        WEEKS_AGO, [["python"], ["linear-algebra", "numpy-and-pandas"], ["calculus"]], strict=True
    ):
        airoadmap(env, "done", *topics, now=day)
    airoadmap(env, "start", "probability", now=WEEKS_AGO[-1])
    airoadmap(env, "skip", "version-control")
    airoadmap(
        env, "note", "probability", "Chapter 3 of Think Bayes next; <b>not</b> markup & that's ok"
    )
    page = folder / "bundled.html"
    return page, timed(env, runs, "html", "-o", str(page))


def moc(env: dict[str, str], folder: Path, runs: int) -> tuple[Path, float]:
    from bench.moc import HUB, write_vault

    vault = folder / "vault"
    write_vault(vault, 600)
    data = ["--curriculum", str(vault), "--hub", HUB]
    airoadmap(env, "next", *data)  # the vault's topics, to mark the first ones
    topics = subprocess.run(
        [sys.executable, "-m", "airoadmap", "next", "-n", "3", "--json", *data],
        env={**env, "AIROADMAP_NOW": NOW},
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    import json

    ready = [t["id"] for t in json.loads(topics)]
    airoadmap(env, "done", ready[0], *data, now=WEEKS_AGO[1])
    airoadmap(env, "start", ready[1], *data)
    page = folder / "moc.html"
    return page, timed(env, runs, "html", "-o", str(page), *data)


def starter(env: dict[str, str], folder: Path, runs: int) -> tuple[Path, float]:
    root = folder / "starter"
    airoadmap(env, "init", str(root))
    first = subprocess.run(
        [sys.executable, "-m", "airoadmap", "next", "-n", "1", "--json", "--curriculum", str(root)],
        env={**env, "AIROADMAP_NOW": NOW},
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    import json

    airoadmap(env, "done", json.loads(first)[0]["id"], "--curriculum", str(root))
    page = folder / "starter.html"
    return page, timed(env, runs, "html", "-o", str(page), "--curriculum", str(root))


def cohort(env: dict[str, str], folder: Path, runs: int) -> tuple[Path, float]:
    home = folder / "cohort-home"
    others = {**env, "AIROADMAP_HOME": str(home)}
    airoadmap(others, "-l", "ada", "done", "python", "linear-algebra", "calculus", now=WEEKS_AGO[0])
    airoadmap(others, "-l", "ada", "start", "probability", now=WEEKS_AGO[1])
    airoadmap(others, "-l", "bo", "done", "python", now=WEEKS_AGO[1])
    airoadmap(others, "-l", "bo", "start", "linear-algebra", now=WEEKS_AGO[1])
    airoadmap(others, "-l", "cy", "done", "python", now=WEEKS_AGO[2])
    airoadmap(others, "-l", "cy", "start", "linear-algebra")
    airoadmap(others, "-l", "cy", "skip", "version-control")
    page = folder / "cohort.html"
    return page, timed(others, runs, "report", "--html", str(page))


def shoot(
    driver: Any, page: Path, png: Path, *, select: str | None = None, scroll: str | None = None
) -> list[str]:
    """Open `page`, optionally click the topic `select` or scroll the element `scroll` (a CSS
    selector) sideways, save `png`; the console's messages."""
    from selenium.webdriver.common.by import By

    browser = driver
    browser.get(page.as_uri())
    if select is not None:
        box = browser.find_element(By.CSS_SELECTOR, f'button.box[data-id="{select}"]')
        box.click()
    if scroll is not None:
        browser.execute_script("document.querySelector(arguments[0]).scrollLeft = 10000", scroll)
    time.sleep(0.3)  # the arrows are drawn on the next animation frame
    browser.save_screenshot(str(png))
    return [entry["message"] for entry in browser.get_log("browser")]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", type=Path, help="where to put the pages and PNGs")
    parser.add_argument("--runs", type=int, default=3, help="builds timed per page (median)")
    args = parser.parse_args(argv)
    out = (args.folder or Path(tempfile.mkdtemp(prefix="airoadmap-shots-"))).resolve()
    if out == CHECKOUT or CHECKOUT in out.parents:
        parser.error(f"{out} is inside the checkout: choose a folder outside it")
    from bench import chromium

    lacking = chromium.missing()
    if lacking is not None:
        parser.error(lacking)
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="airoadmap-html-") as scratch:
        work = Path(scratch)
        env = {
            **os.environ,
            "AIROADMAP_HOME": str(work / "home"),
            "XDG_CONFIG_HOME": str(work / "config"),
            "XDG_CACHE_HOME": str(work / "cache"),
            "NO_COLOR": "1",
            "TZ": "UTC",
            "PYTHONPATH": os.pathsep.join(filter(None, [str(CHECKOUT / "src"), str(CHECKOUT)])),
        }
        pages = {}
        for name, build in (("bundled", bundled), ("moc", moc), ("starter", starter)):
            pages[name] = build(env, work, args.runs)
        pages["cohort"] = cohort(env, work, args.runs)
        print(f"{'page':<9} {'size':>10} {'build (median)':>15}")
        for name, (page, seconds) in pages.items():
            target = out / page.name
            target.write_bytes(page.read_bytes())
            pages[name] = (target, seconds)
            print(f"{name:<9} {target.stat().st_size / 1024:>8.0f} KB {seconds * 1000:>12.0f} ms")
        driver = chromium.start(work / "chromium", width=WIDTH, height=HEIGHT)
        try:
            shots = [
                ("bundled", "bundled.png", None),
                ("bundled", "bundled-selected.png", "probability"),
                ("moc", "moc.png", None),
                ("starter", "starter.png", None),
                ("cohort", "cohort.png", None),
            ]
            for name, png, select in shots:
                messages = shoot(driver, pages[name][0], out / png, select=select)
                print(f"{out / png}" + (f"  console: {messages}" if messages else ""))
            driver.execute_cdp_cmd(
                "Emulation.setEmulatedMedia",
                {"features": [{"name": "prefers-color-scheme", "value": "dark"}]},
            )
            messages = shoot(
                driver, pages["bundled"][0], out / "bundled-dark.png", select="probability"
            )
            print(f"{out / 'bundled-dark.png'}" + (f"  console: {messages}" if messages else ""))
            messages = shoot(driver, pages["cohort"][0], out / "cohort-dark.png")
            print(f"{out / 'cohort-dark.png'}" + (f"  console: {messages}" if messages else ""))
            driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": []})
            chromium.viewport(driver, 794, 1123)  # an A4 page at 96 dpi
            driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
            messages = shoot(driver, pages["bundled"][0], out / "bundled-print.png")
            print(f"{out / 'bundled-print.png'}" + (f"  console: {messages}" if messages else ""))
            driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
            chromium.viewport(driver, 900, 700)
            png = out / "cohort-scrolled.png"
            messages = shoot(driver, pages["cohort"][0], png, scroll=".table-wrap")
            print(f"{png}" + (f"  console: {messages}" if messages else ""))
            chromium.viewport(driver, 390, 844, mobile=True)
            for png, select in (("narrow.png", None), ("narrow-selected.png", "probability")):
                messages = shoot(driver, pages["bundled"][0], out / png, select=select)
                print(f"{out / png}" + (f"  console: {messages}" if messages else ""))
        finally:
            driver.quit()
    print(f"pages and screenshots in {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
