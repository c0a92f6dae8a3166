"""One way to start the headless Chromium that checks airoadmap's web pages, shared by the
browser tests (tests/test_html_browser.py) and the screenshots (bench/html_shot.py): Debian's
chromium through its chromedriver, so that nothing is downloaded at run time (Selenium Manager
stays offline); its profile, home and caches in a folder the caller gives (a temporary one),
with the background networking, component updates and first-run work turned off; the console
and the network logged."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")


def missing() -> str | None:
    """What is missing to start the browser, in words; None when nothing is."""
    lacking = [str(p) for p in (CHROMIUM, CHROMEDRIVER) if not p.exists()]
    try:
        import selenium  # noqa: F401
    except ImportError:
        lacking.append("the selenium package")
    if not lacking:
        return None
    return (
        f"{', '.join(lacking)} missing: install Debian's chromium and chromium-driver "
        "(`apt-get install chromium chromium-driver`, as .ci/run does) and the test extras"
    )


def start(folder: Path, *, width: int = 1440, height: int = 900) -> Any:
    """A headless chromium at a `width`×`height` viewport, everything it writes in `folder`."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    folder.mkdir(parents=True, exist_ok=True)
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for argument in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--no-first-run",
        "--no-default-browser-check",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-extensions",
        "--hide-scrollbars",
        "--force-device-scale-factor=1",
        f"--user-data-dir={folder / 'profile'}",
        f"--window-size={width},{height}",
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
    service = Service(str(CHROMEDRIVER), env=env)
    previous = os.environ.get("SE_OFFLINE")
    os.environ["SE_OFFLINE"] = "true"
    try:
        driver = webdriver.Chrome(service=service, options=options)
    finally:
        if previous is None:
            del os.environ["SE_OFFLINE"]
        else:
            os.environ["SE_OFFLINE"] = previous
    viewport(driver, width, height)
    return driver


def viewport(driver: Any, width: int, height: int, *, mobile: bool = False) -> None:
    """Size the page's viewport (a phone's with `mobile`)."""
    driver.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": mobile},
    )
