"""`html` and `report --html` (issue 18) without a browser: what the page holds, that every
string from notes and stores is text in it, that it asks for nothing over the network, its size,
and the errors of writing it. The page in a real browser: tests/test_html_browser.py."""

from __future__ import annotations

import errno
import json
import os
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from airoadmap.locations import bundled_curriculum
from airoadmap.notes.loader import load_curriculum
from airoadmap.web.document import script_json
from tests.conftest import WriteNote, run

NOW = "2026-11-28T18:00:00+00:00"
HOSTILE = "<script>alert(1)</script>"


def progress(runner: CliRunner, monkeypatch: pytest.MonkeyPatch) -> None:
    """A learner part of the way: three topics done weeks ago, one in progress with a note, one
    skipped."""
    monkeypatch.setenv("AIROADMAP_NOW", "2026-10-05T18:00:00+00:00")
    run(runner, "done", "python", "linear-algebra", "calculus")
    monkeypatch.setenv("AIROADMAP_NOW", NOW)
    run(runner, "start", "probability")
    run(runner, "skip", "version-control")
    run(runner, "note", "probability", "Think Bayes, ch. 3 <b>next</b> & then\u2028more")


def data_of(page: str) -> dict[str, object]:
    """The JSON the page's script reads."""
    found = re.search(
        r'<script type="application/json" id="roadmap-data">(.*?)</script>', page, re.S
    )
    assert found is not None
    loaded: dict[str, object] = json.loads(found.group(1))
    return loaded


def boxes(page: str) -> dict[str, str]:
    """Each topic box's id and status."""
    return dict(re.findall(r'class="box [^"]*" data-id="([^"]+)" data-status="([a-z]+)"', page))


@pytest.fixture
def bundled_page(runner: CliRunner, monkeypatch: pytest.MonkeyPatch) -> str:
    progress(runner, monkeypatch)
    _, out, err = run(runner, "html")
    assert out == ""
    assert err.startswith("wrote roadmap.html (103 topics +8 optional, ")  # as `tree` counts
    return Path("roadmap.html").read_text(encoding="utf-8")


def test_the_page_has_one_box_per_topic_with_its_status(bundled_page: str) -> None:
    loaded = load_curriculum(bundled_curriculum())
    leaves = [t.id for t in loaded if t.is_leaf]
    found = boxes(bundled_page)
    assert sorted(found) == sorted(leaves)
    assert found["python"] == found["linear-algebra"] == found["calculus"] == "done"
    assert found["probability"] == "learning"
    assert found["version-control"] == "skipped"
    assert found["programming-mental-models"] == "ready"  # needs Python for AI: done
    assert found["statistics"] == "blocked"  # needs probability: in progress
    assert "Information Theory Basics" in bundled_page.split('class="side-label"')[1][:2000]


def test_the_header_says_whose_roadmap_how_far_and_when(bundled_page: str) -> None:
    header = bundled_page.split("</header>", maxsplit=1)[0]
    assert "<h1>AI Engineer</h1>" in header
    assert "Learner <strong>default</strong> · made 2026-11-28 18:00" in header
    assert "4 of 103 topics · +8 optional" in header
    assert re.search(r"Hours done</dt><dd><span class=\"big\">62h<", header)


def test_the_topics_panel_holds_its_details_the_record_and_the_note(bundled_page: str) -> None:
    panel = bundled_page.split('<section class="topic" data-topic="probability"')[1]
    panel = panel.split("</section>")[0]
    assert '<h2 id="panel-' in panel and ">Probability</h2>" in panel
    assert "Foundations › Mathematics for AI" in panel
    assert "<h3>Outcomes</h3>" in panel and "<h4>Book</h4>" in panel
    note = panel.split('<blockquote class="note">')[1].split("</blockquote>")[0]
    assert note == "<p>Think Bayes, ch. 3 &lt;b&gt;next&lt;/b&gt; &amp; then\u2028more</p>\n"
    assert "<dt>Started</dt><dd>2026-11-28</dd>" in panel
    done = bundled_page.split('<section class="topic" data-topic="calculus"')[1]
    assert "<dt>Review</dt><dd>" in done.split("</section>")[0]


def test_the_panels_review_says_what_show_and_review_say(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Its due day, how long ago, and the recall: `show`'s words and figures."""
    progress(runner, monkeypatch)
    _, shown, _ = run(runner, "show", "calculus")
    said = re.search(r"Review\s+(due \S+ \(\d+ days ago\) · recall \d+%)", shown)
    assert said is not None, shown
    _, listed, _ = run(runner, "review")
    assert said.group(1) in listed
    _, page, _ = run(runner, "html", "-o", "-")
    panel = page.split('<section class="topic" data-topic="calculus"')[1].split("</section>")[0]
    assert f"<dt>Review</dt><dd>{said.group(1)}</dd>" in panel


def test_the_data_holds_only_what_the_script_reads(bundled_page: str) -> None:
    data = data_of(bundled_page)
    assert set(data) == {"topics", "edges"}
    topics = data["topics"]
    assert isinstance(topics, dict)
    assert sorted(topics) == sorted(boxes(bundled_page))  # the boxes, no area or map
    calculus = topics["calculus"]
    assert set(calculus) == {"title", "aliases", "tags", "needs", "unlocks"}
    assert calculus["title"] == "Calculus and Gradients"
    assert calculus["needs"] == ["linear-algebra", "numpy-pandas"]
    assert "calculus" in topics["linear-algebra"]["unlocks"]
    assert ["linear-algebra", "calculus"] in data["edges"]  # type: ignore[operator]


def test_the_page_fetches_nothing_and_carries_its_style_and_script(bundled_page: str) -> None:
    assert "<link" not in bundled_page and "<img" not in bundled_page
    style = bundled_page.split("<style>")[1].split("</style>", maxsplit=1)[0]
    assert "@import" not in style and "url(" not in style
    assert not re.search(r"\ssrc=", bundled_page)
    assert "content=\"default-src 'none';" in bundled_page  # and the browser is told so
    # Every address in the page is a link the reader follows.
    for match in re.finditer(r"https?://", bundled_page):
        before = bundled_page[max(0, match.start() - 6) : match.start()]
        assert (
            before.endswith('href="')
            or "www.w3.org" in bundled_page[match.start() : match.start() + 30]
        )


def test_the_bundled_roadmap_page_is_under_one_and_a_half_megabytes(bundled_page: str) -> None:
    assert len(bundled_page.encode("utf-8")) < 1.5 * 1024 * 1024


def test_the_page_is_the_same_whatever_the_terminal(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`-o -` writes the page to stdout (for a pipe), and nothing else."""
    monkeypatch.setenv("AIROADMAP_NOW", NOW)
    _, out, err = run(runner, "html", "-o", "-")
    assert out.startswith("<!doctype html>") and out.rstrip().endswith("</html>")
    assert err == ""
    run(runner, "html")
    assert Path("roadmap.html").read_text(encoding="utf-8") == out


# --- every string from notes and stores is text -------------------------------------------------


@pytest.fixture
def hostile(hub_vault: WriteNote) -> Path:
    hub_vault(
        "Evil.md",
        f"""
        ---
        title: "{HOSTILE}"
        up: "[[M]]"
        aliases: ["</script><script>alert(2)</script>"]
        summary: "<img src=x onerror=alert(3)>"
        outcomes: ["<b>bold</b> & \u2028 done"]
        resources:
          - {{title: "<i>x</i>", url: "https://example.org/?q=<x>&y=\\"", type: book}}
        ---
        <script>alert(4)</script>

        <img src="https://example.org/tracker.png" onerror="alert(5)">

        [click](javascript:alert(6)) and ![a picture](https://example.org/p.png)

        ## A heading
        """,
    )
    return hub_vault("Plain.md", "---\nup: '[[M]]'\nrequires: ['[[Evil]]']\n---\nPlain **bold**.\n")


def test_a_hostile_title_note_and_body_are_text_on_the_page(
    runner: CliRunner, hostile: Path
) -> None:
    run(runner, "note", "evil", "</script><script>alert(7)</script>\u2029", "-c", str(hostile))
    _, page, _ = run(runner, "html", "-o", "-", "-c", str(hostile))
    # Only the page's own two scripts: the data and the behaviour.
    assert page.count("<script") == 2
    assert "alert(" not in "".join(re.findall(r"<script>.*?</script>", page, re.S))
    assert "<img" not in page and 'href="javascript:' not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&lt;img src=x onerror=alert(3)&gt;" in page
    assert "&lt;b&gt;bold&lt;/b&gt; &amp;" in page
    assert (
        '<a href="https://example.org/p.png" rel="noopener noreferrer">[image: a picture]</a>'
        in page
    )
    assert "<h2>A heading</h2>" in page  # Markdown is still rendered
    data = data_of(page)
    evil = data["topics"]["evil"]  # type: ignore[index]
    assert evil["title"] == HOSTILE  # the JSON reads back to the very string
    assert evil["aliases"] == ["</script><script>alert(2)</script>"]
    embedded = page.split('id="roadmap-data">')[1].split("</script>")[0]
    assert not {"<", ">", "&", "\u2028", "\u2029"} & set(embedded)


def test_script_json_leaves_nothing_that_ends_or_bends_a_script_element() -> None:
    value = {"t": "</script><!-- & \u2028\u2029 -->", "n": 1}
    text = str(script_json(value))
    assert not {"<", ">", "&", "\u2028", "\u2029"} & set(text)
    assert json.loads(text) == value


# --- writing the page ---------------------------------------------------------------------------


def test_a_page_into_a_missing_folder_is_one_line_and_exit_1(runner: CliRunner) -> None:
    code, out, err = run(runner, "html", "-o", "nowhere/roadmap.html", ok=False)
    assert code == 1 and out == ""
    assert err.strip() == "error: nowhere/roadmap.html: cannot write: no folder nowhere"
    assert not Path("nowhere").exists()


def test_a_page_onto_a_folder_says_to_name_a_file(runner: CliRunner) -> None:
    Path("pages").mkdir()
    code, _, err = run(runner, "html", "-o", "pages", ok=False)
    assert code == 1
    assert err.strip().startswith("error: pages: is a folder")
    assert len(err.strip().splitlines()) == 1


def test_a_failed_write_leaves_the_page_that_was_there(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    Path("roadmap.html").write_text("the old page", encoding="utf-8")

    def refused(*_: object) -> None:
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES))

    monkeypatch.setattr(os, "replace", refused)
    code, _, err = run(runner, "html", ok=False)
    assert code == 1
    assert err.strip() == "error: roadmap.html: cannot write: Permission denied"
    assert Path("roadmap.html").read_text(encoding="utf-8") == "the old page"
    assert [p.name for p in Path().iterdir()] == ["roadmap.html"]  # no temp file left


def test_a_new_page_is_readable_by_others_as_any_new_file(runner: CliRunner) -> None:
    run(runner, "html", "-o", "shared.html")
    umask = os.umask(0)
    os.umask(umask)
    assert Path("shared.html").stat().st_mode & 0o777 == 0o666 & ~umask


def test_open_opens_the_written_page_in_the_browser(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[str] = []
    import webbrowser

    monkeypatch.setattr(webbrowser, "open", lambda url: opened.append(url) or True)
    run(runner, "html", "--open", "-o", "mine.html")
    assert opened == [Path("mine.html").resolve().as_uri()]


def test_a_curriculum_with_no_topics_yet_still_makes_a_page(
    runner: CliRunner, hub_vault: WriteNote
) -> None:
    vault = hub_vault("Hub.md", "---\nkind: hub\n---\n")
    _, page, _ = run(runner, "html", "-o", "-", "-c", str(vault))
    assert boxes(page) == {}
    assert '<p class="empty">This curriculum has no topics yet.</p>' in page
    assert "<h3>M</h3>" in page  # the map, a card with no boxes yet


# --- the cohort page ----------------------------------------------------------------------------


def test_report_html_shows_each_learner_their_maps_and_where_the_cohort_is(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("AIROADMAP_NOW", NOW)
    run(runner, "-l", "ada", "done", "python", "linear-algebra", "calculus")
    run(runner, "-l", "ada", "start", "probability")
    run(runner, "-l", "bo", "done", "python")
    run(runner, "-l", "bo", "start", "linear-algebra")
    run(runner, "-l", "cy", "done", "python")
    run(runner, "-l", "cy", "start", "linear-algebra")
    _, out, err = run(runner, "report", "--html", "cohort.html")
    assert out == "" and err.strip() == "wrote cohort.html (3 learners)"
    page = Path("cohort.html").read_text(encoding="utf-8")
    rows = re.findall(r'<tr>\s*<th scope="row">(\w+)</th>(.*?)</tr>', page, re.S)
    assert [name for name, _ in rows] == ["ada", "bo", "cy"]
    ada = rows[0][1]
    assert "3% · 3/103" in ada and "<td>Probability</td>" in ada and "2026-11-28" in ada
    assert ada.count('class="mapcell"') == 14  # a bar per map
    assert 'aria-label="Mathematics for AI: 33%"' in ada
    assert "<td>Linear Algebra</td>" in rows[1][1]
    python = page.split('data-topic="python"')[1].split("</tr>")[0]
    assert "3 of 3" in python
    stall = page.split('data-topic="linear-algebra"')[0].rsplit("<tr", 1)[1]
    assert 'class="stall"' in stall  # two of the three are at it
    assert "<script" not in page and "<link" not in page


def test_report_html_and_json_are_one_or_the_other(runner: CliRunner) -> None:
    code, _, err = run(runner, "report", "--html", "c.html", "--json", ok=False)
    assert code == 2 and "choose one" in err
    assert not Path("c.html").exists()


def test_report_html_with_a_store_that_cannot_be_read_shows_its_row(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    run(runner, "-l", "ada", "done", "python")
    home = Path(os.environ["AIROADMAP_HOME"])
    (home / "learners" / "broken.toml").write_text("this is = = not toml", encoding="utf-8")
    run(runner, "report", "--html", "c.html")
    page = Path("c.html").read_text(encoding="utf-8")
    assert re.search(r'<th scope="row">broken</th>\s*<td colspan="\d+" class="error">', page)
    assert '<th scope="row">ada</th>' in page


# --- writing onto what is there -----------------------------------------------------------------


def test_a_page_through_a_symlink_writes_its_target_and_keeps_the_link(
    runner: CliRunner,
) -> None:
    Path("pages").mkdir()
    Path("pages/real.html").write_text("old", encoding="utf-8")
    Path("link.html").symlink_to("pages/real.html")
    run(runner, "html", "-o", "link.html")
    assert Path("link.html").is_symlink()
    assert str(Path("link.html").readlink()) == "pages/real.html"
    assert Path("pages/real.html").read_text(encoding="utf-8").startswith("<!doctype html>")
    assert sorted(p.name for p in Path("pages").iterdir()) == ["real.html"]


def test_a_page_through_a_dangling_symlink_makes_its_target(runner: CliRunner) -> None:
    Path("link.html").symlink_to("made.html")
    run(runner, "html", "-o", "link.html")
    assert Path("link.html").is_symlink()
    assert Path("made.html").read_text(encoding="utf-8").startswith("<!doctype html>")


def test_a_page_into_a_fifo_is_written_into_it_not_over_it(runner: CliRunner) -> None:
    import threading

    os.mkfifo("pipe.html")
    got: list[bytes] = []

    def read() -> None:
        with Path("pipe.html").open("rb") as pipe:
            got.append(pipe.read())

    reader = threading.Thread(target=read)
    reader.start()
    run(runner, "html", "-o", "pipe.html")
    reader.join(timeout=30)
    import stat

    assert stat.S_ISFIFO(Path("pipe.html").stat().st_mode)  # still the FIFO
    assert got and got[0].startswith(b"<!doctype html>") and got[0].rstrip().endswith(b"</html>")


def test_a_note_named_with_a_byte_that_is_not_utf8_still_makes_a_page(
    runner: CliRunner, hub_vault: WriteNote
) -> None:
    vault = hub_vault("Plain.md", "---\nup: '[[M]]'\n---\n")
    name = os.fsdecode(b"T\xff.md")
    (vault / name).write_text("---\nup: '[[M]]'\n---\nBody.\n", encoding="utf-8")
    code, page, err = run(runner, "html", "-o", "-", "-c", str(vault))
    assert code == 0 and err == ""
    assert "T\ufffd" in page  # the byte as U+FFFD: text, valid UTF-8


# --- one definition: next, hours -----------------------------------------------------------------


def next_list(page: str) -> list[tuple[str, str]]:
    """The page's Next list: each topic's id and reason."""
    block = page.split('<ol class="next-list"')[1].split("</ol>", maxsplit=1)[0]
    return re.findall(r'data-go="([^"]+)">[^<]*</button><span class="reason">([^<]*)</span>', block)


def test_next_on_the_page_is_next_with_a_goal_set(runner: CliRunner) -> None:
    run(runner, "done", "python")
    run(runner, "goal", "deep-learning", "--by", "2027-06-30")
    _, out, _ = run(runner, "next", "-n", "6", "--json")
    expected = [(t["id"], t["reason"]) for t in json.loads(out)]
    _, page, _ = run(runner, "html", "-o", "-")
    shown = next_list(page)
    assert [i for i, _ in shown] == [i for i, _ in expected]
    assert [r for _, r in shown] == [r.replace("'", "&#39;") for _, r in expected]
    assert all("toward your goal: Deep Learning" in r for _, r in shown[:3])
    header = page.split("</header>", maxsplit=1)[0]
    assert (
        '<p class="goal">Goal: <strong>Deep Learning Fundamentals, by 2027-06-30</strong></p>'
        in header
    )


def test_hours_done_are_one_figure_the_header_the_burnup_and_stats(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Hours logged on a topic (25) differ from its estimate: the page says what `stats` says,
    in its words, and the burn-up ends there."""
    monkeypatch.setenv("AIROADMAP_NOW", "2026-10-05T18:00:00+00:00")
    run(runner, "done", "linear-algebra")
    monkeypatch.setenv("AIROADMAP_NOW", NOW)
    run(runner, "done", "python", "--hours", "25")
    _, stats, _ = run(runner, "stats")
    said = re.search(r"Hours: (\S+) done", stats)
    assert said is not None
    _, page, _ = run(runner, "html", "-o", "-")
    header = page.split("</header>", maxsplit=1)[0]
    assert f'Hours done</dt><dd><span class="big">{said.group(1)}</span>' in header
    points = re.findall(r"<title>week of [\d-]+: (\S+) done so far</title>", page)
    assert points[-1] == said.group(1)
    assert points[0] != points[-1]  # linear algebra weeks ago, then python this week


def chart_weeks(page: str, title: str) -> list[str]:
    """The Mondays of a chart's weeks, from its points' or bars' titles."""
    svg = page.split(f'<title id="chart-{title}-t">')[1].split("</svg>", maxsplit=1)[0]
    return re.findall(r"week of (\d{4}-\d\d-\d\d)", svg)


def test_the_charts_weeks_start_on_monday_the_burnup_at_the_first_activity(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The burn-up says it is cumulative; it starts at the week of the first activity (a
    Monday, 2026-10-05), not 12 weeks back; the reviews chart's weeks start on Monday too, this
    week's first (the 28th is a Saturday)."""
    from datetime import date

    progress(runner, monkeypatch)
    _, page, _ = run(runner, "html", "-o", "-")
    assert "<figcaption>Hours done so far, by week</figcaption>" in page
    hours = chart_weeks(page, "hours-done-so-far--by-week")
    assert hours[0] == "2026-10-05" and hours[-1] == "2026-11-23" and len(hours) == 8
    reviews = chart_weeks(page, "reviews-due--by-week")
    assert reviews[0] == "2026-11-23" and len(reviews) == 8
    assert all(date.fromisoformat(d).isoweekday() == 1 for d in hours + reviews)
    labels = re.findall(r'<text class="tick" x="[\d.]+" y="142"[^>]*>([^<]+)</text>', page)
    assert labels[0] == "Oct 05" and "Nov 23" in labels  # the same labels: each week's Monday


def test_a_learner_begun_this_week_sees_four_weeks_of_burnup(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("AIROADMAP_NOW", NOW)
    run(runner, "done", "python")
    _, page, _ = run(runner, "html", "-o", "-")
    hours = chart_weeks(page, "hours-done-so-far--by-week")
    assert hours == ["2026-11-02", "2026-11-09", "2026-11-16", "2026-11-23"]


def test_the_burnup_axis_has_round_ticks() -> None:
    from datetime import date

    from airoadmap.web import charts

    assert charts.ticks(12.5) == [0, 5, 10, 15]
    assert charts.ticks(25) == [0, 10, 20, 30]
    assert charts.ticks(62) == [0, 20, 40, 60, 80]
    assert charts.ticks(3, whole=True) == [0, 1, 2, 3]
    svg = charts.burnup([(date(2026, 11, 2), 12.5)], before=0.0)
    labels = re.findall(r'<text class="tick" x="30"[^>]*text-anchor="end">([^<]+)</text>', svg)
    assert labels == ["0", "5", "10", "15"]


# --- what notes show ----------------------------------------------------------------------------


def test_wiki_links_in_a_note_are_titles_links_on_the_roadmap_text_otherwise(
    runner: CliRunner, hub_vault: WriteNote
) -> None:
    hub_vault("Target.md", "---\ntitle: The Target Topic\nup: '[[M]]'\n---\n")
    vault = hub_vault(
        "Plain.md",
        "---\nup: '[[M]]'\n---\nSee [[Target]], [[Target|that one]] and [[Nowhere Note]].\n"
        "\n## Key concepts\n",
    )
    run(runner, "note", "plain", "**Bold** and [[Target]] <i>x</i>", "-c", str(vault))
    _, page, _ = run(runner, "html", "-o", "-", "-c", str(vault))
    panel = page.split('<section class="topic" data-topic="plain"')[1].split("</section>")[0]
    assert '<a class="wikilink" href="#topic=target" data-go="target">The Target Topic</a>' in panel
    assert '<a class="wikilink" href="#topic=target" data-go="target">that one</a>' in panel
    assert '<span class="wikilink">Nowhere Note</span>' in panel
    assert "[[" not in panel
    assert "<h2>Key concepts</h2>" in panel
    note = panel.split('<blockquote class="note">')[1].split("</blockquote>")[0]
    assert note.startswith('<p><strong>Bold</strong> and <a class="wikilink"')
    assert "&lt;i&gt;x&lt;/i&gt;" in note


# --- the cohort page, shared -------------------------------------------------------------------


def test_a_cohort_page_names_no_path_and_its_counts_agree(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("AIROADMAP_NOW", NOW)
    run(runner, "-l", "ada", "done", "python")
    run(runner, "-l", "bo", "done", "python")
    home = Path(os.environ["AIROADMAP_HOME"])
    (home / "learners" / "eve.toml").write_text("this is = = not toml", encoding="utf-8")
    _, _, err = run(runner, "report", "--html", "c.html")
    assert err.strip() == "wrote c.html (3 learners, 1 could not be read)"
    page = Path("c.html").read_text(encoding="utf-8")
    assert str(home) not in page and "eve.toml" not in page
    eve = page.split('<th scope="row">eve</th>')[1].split("</tr>")[0]
    assert re.search(r'class="error">progress cannot be read: broken TOML: [^<]+</td>', eve)
    assert "2 learners · 1 more whose progress could not be read" in page
    assert "out of the 2 learners whose progress could be read" in page
    python = page.split('data-topic="python"')[1].split("</tr>")[0]
    assert "2 of 2" in python


def test_a_learner_who_has_not_begun_is_at_no_topic(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("AIROADMAP_NOW", NOW)
    run(runner, "-l", "ada", "start", "python")
    run(runner, "-l", "bo", "goal", "deep-learning")  # a store, but nothing begun
    run(runner, "-l", "cy", "goal", "deep-learning")
    run(runner, "report", "--html", "c.html")
    page = Path("c.html").read_text(encoding="utf-8")
    rows = dict(re.findall(r'<tr>\s*<th scope="row">(\w+)</th>(.*?)</tr>', page, re.S))
    assert sorted(rows) == ["ada", "bo", "cy"]
    assert "<td>Python for AI</td>" in rows["ada"]
    assert "<td>not begun</td>" in rows["bo"] and "<td>not begun</td>" in rows["cy"]
    python = page.split('data-topic="python"')[0].rsplit("<tr", 1)[1]
    assert 'class="stall"' not in python  # only ada is at it: no stall
    here = page.split('data-topic="python"')[1].split("</tr>")[0]
    at = '<span class="at">ada <span class="since">since 2026-11-28</span></span>'
    assert here.rstrip().endswith(f'<td class="here">{at}</td>')


def test_report_html_on_a_terminal_starts_no_pager(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The table goes through the pager on a terminal; a page written to a file does not."""
    import subprocess
    import sys

    from tests.test_layout import in_terminal

    marker = tmp_path / "paged"
    pager = tmp_path / "pager.py"
    pager.write_text(
        f"import sys, pathlib\npathlib.Path({str(marker)!r}).write_text(sys.stdin.read())\n",
        encoding="utf-8",
    )
    subprocess.run(
        [sys.executable, "-m", "airoadmap", "-l", "ada", "done", "python"],
        check=True,
        capture_output=True,
    )
    monkeypatch.setenv("AIROADMAP_PAGER", f"{sys.executable} {pager}")
    in_terminal("report", "--html", "c.html", columns=80)
    assert Path("c.html").exists() and not marker.exists()
    in_terminal("report", columns=80)
    assert marker.exists()  # the table does


def cohort_of_three(runner: CliRunner, monkeypatch: pytest.MonkeyPatch) -> None:
    """ada and cy at probability (cy since long before ada), bo at linear algebra."""
    monkeypatch.setenv("AIROADMAP_NOW", "2026-10-03T18:00:00+00:00")
    run(runner, "-l", "cy", "done", "python", "linear-algebra", "calculus")
    run(runner, "-l", "cy", "start", "probability")
    monkeypatch.setenv("AIROADMAP_NOW", "2026-10-20T18:00:00+00:00")
    run(runner, "-l", "ada", "done", "python", "linear-algebra")
    run(runner, "-l", "ada", "done", "calculus", "--hours", "30")
    run(runner, "-l", "ada", "start", "probability")
    monkeypatch.setenv("AIROADMAP_NOW", NOW)
    run(runner, "-l", "bo", "done", "python")


def test_the_cohort_page_has_reports_hours_done_and_reviews_due(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    from airoadmap.domain import units

    cohort_of_three(runner, monkeypatch)
    _, out, _ = run(runner, "report", "--json")
    report = {r["learner"]: r for r in json.loads(out)}
    run(runner, "report", "--html", "c.html")
    page = Path("c.html").read_text(encoding="utf-8")
    head = page.split('<table class="learners">')[1].split("</thead>")[0]
    assert "Hours done</th>" in head and "Reviews due</th>" in head
    rows = dict(re.findall(r'<tr>\s*<th scope="row">(\w+)</th>(.*?)</tr>', page, re.S))
    for name in ("ada", "bo", "cy"):
        hours = units.hours(report[name]["hours_done"], none="0h")
        assert f'<td class="num hours">{hours}</td>' in rows[name]
        assert f'<td class="num due">{report[name]["reviews_due"]}</td>' in rows[name]
    assert report["cy"]["reviews_due"] > 0 and report["bo"]["hours_done"] > 0


def test_at_it_now_names_who_and_since_when(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    cohort_of_three(runner, monkeypatch)
    run(runner, "report", "--html", "c.html")
    page = Path("c.html").read_text(encoding="utf-8")
    here = page.split('data-topic="probability"')[1].split("</tr>")[0]
    cell = re.sub(r"<[^>]+>", "", here.split('<td class="here">')[1]).strip()
    assert cell == "cy since 2026-10-03, ada since 2026-10-20"  # the longest stuck first
    assert "At it now (since)" in page


def test_the_topics_table_shows_only_those_someone_is_at_or_finished_when_many(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch, hub_vault: WriteNote
) -> None:
    cohort_of_three(runner, monkeypatch)
    run(runner, "report", "--html", "c.html")
    page = Path("c.html").read_text(encoding="utf-8")
    assert '<input type="checkbox" id="only-active" checked>' in page  # 111 topics: on
    rows = re.findall(r"<tr( class=\"[^\"]+\")? data-topic=\"([^\"]+)\"", page)
    active = {t for c, t in rows if "quiet" not in c}
    assert len(rows) == 111 and {"python", "linear-algebra", "calculus", "probability"} <= active
    assert len(active) < 10
    assert f"Only topics someone finished or is at ({len(active)} of 111)" in page
    assert ".cohort:has(#only-active:checked) table.topics .quiet { display: none; }" in page
    vault = hub_vault("T.md", "---\nup: '[[M]]'\n---\n")
    run(runner, "report", "--html", "small.html", "-c", str(vault))
    small = Path("small.html").read_text(encoding="utf-8")
    assert '<input type="checkbox" id="only-active">' in small  # a few topics: all shown


def test_report_html_over_no_learners_names_the_folder_and_warns(runner: CliRunner) -> None:
    code, out, err = run(runner, "report", "--html", "c.html", "--home", "nowhere")
    assert code == 0 and out == ""
    assert err.splitlines() == [
        "warning: no learners in nowhere",
        "wrote c.html (0 learners in nowhere)",
    ]
    page = Path("c.html").read_text(encoding="utf-8")
    assert "No learners in the data folder <code>nowhere</code> yet" in page
