"""Obsidian vaults as people keep them, written into a folder a test gives (never elsewhere).

- `issue_vault`: the vault of issue 13's "Done when": a hub note in exactly the issue's shape (with
  the maps a real vault has), three map notes in the same style, topic notes some written and some
  not, and the notes beside a roadmap that airoadmap cannot read.
- `moc_vault`: a vault shaped like the Obsidian Hub (obsidian-community/obsidian-hub): a top MOC
  note, section MOCs tagged `MOC` in folders such as `04 - Guides, Workflows, & Courses`,
  sub-MOCs, notes; path-qualified aliased links, `%% comments %%`, embeds, `aliases:` with one
  empty item; and thousands of notes the top MOC does not reach.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

__all__ = ["IssueVault", "MocVault", "issue_vault", "moc_vault", "write"]


def write(root: Path, name: str, text: str | bytes) -> Path:
    """Write the note `name` (a path inside `root`, `.md` included); return its path."""
    path = root / name
    if root.resolve() not in path.resolve().parents:
        raise ValueError(f"{name!r} is not inside {root}")
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


# --- the issue's vault ----------------------------------------------------------------------------

# Exactly the shape of the issue's example (tabs mixed with spaces, bold labels, the `#map` tag in
# the body, `**Links / Tags:**`, the label `Relevance Links` that holds only labels, a `---` rule,
# a link listed twice, a summary after the link, on the continuation line and in a nested item),
# with the other maps of a real vault. The first appearances give the areas in this order:
# Foundations, Data + Systems, Production / Deployment, Applied Domains,
# Model Lifecycle & Runtime Systems (`## 4. Foundations (must-have)` holds only a link listed
# before, so it is no area).
ISSUE_HUB = (
    "**Note Type:**\n"
    "#map\n"
    "\n"
    "**Links / Tags:**\n"
    "- **Relevance Links:**\n"
    "    - Foundations:\n"
    "\t    - [[Mathematics for AI]] — math needed for ML/DL (linear algebra, calculus)\n"
    "\t    - [[Programming Foundations for AI]] — programming mental models\n"
    "\t    - [[Computer Science Foundations for AI]] — algorithms, complexity, memory\n"
    "\t- Data + Systems:\n"
    "\t    - [[Data Foundations for AI]] — data collection, cleaning, labeling, leakage\n"
    "\t    - [[Data Engineering for AI]] — pipelines, storage, batch and streaming\n"
    "\t    - [[Systems Design for AI]] — queues, caches, scaling\n"
    "\t- Production / Deployment:\n"
    "\t    - [[MLOps]] — packaging, versioning, CI/CD, monitoring\n"
    "\t    - [[Cloud for AI]] — GPUs, managed services, cost\n"
    "\t- Applied Domains:\n"
    "\t    - [[NLP Systems]] — text in, text out\n"
    "\t    - [[Vision Systems]] — images and video\n"
    "\t    - [[Generative AI Systems]] — LLM applications, RAG, agents\n"
    "\t    - [[Reinforcement Learning Systems]] — agents that learn by acting\n"
    "---\n"
    "# AI Engineer\n"
    "## 2. Model Lifecycle & Runtime Systems\n"
    "- [[Model Lifecycle for AI Systems]]\n"
    "\t- training → validation → deployment → monitoring\n"
    "- [[Inference & Serving Systems]]\n"
    "  batching, latency, throughput, cost\n"
    "## 4. Foundations (must-have)\n"
    "- [[Mathematics for AI]]\n"
    "  linear algebra, probability, statistics, optimization\n"
)

ISSUE_AREAS: dict[str, list[str]] = {
    "Foundations": [
        "Mathematics for AI",
        "Programming Foundations for AI",
        "Computer Science Foundations for AI",
    ],
    "Data + Systems": [
        "Data Foundations for AI",
        "Data Engineering for AI",
        "Systems Design for AI",
    ],
    "Production / Deployment": ["MLOps", "Cloud for AI"],
    "Applied Domains": [
        "NLP Systems",
        "Vision Systems",
        "Generative AI Systems",
        "Reinforcement Learning Systems",
    ],
    "Model Lifecycle & Runtime Systems": [
        "Model Lifecycle for AI Systems",
        "Inference & Serving Systems",
    ],
}

# Map notes in the same style, no frontmatter. Mathematics for AI: list labels, tabs, a link back
# to the hub. MLOps: headings. NLP Systems: no tag at all (a map because the hub links it).
MATHEMATICS = (
    "**Note Type:**\n"
    "#map\n"
    "\n"
    "**Links / Tags:**\n"
    "- Up: [[AI Engineer]]\n"
    "- Core:\n"
    "\t- [[Linear Algebra]] — vectors, matrices, eigenvalues\n"
    "\t- [[Calculus]] — derivatives, gradients, the chain rule\n"
    "    - [[Probability & Statistics]] — distributions, estimation, testing\n"
    "- Later:\n"
    "\t- [[Optimization]] — gradient descent and friends\n"
    "\t- [[Information Theory]]\n"
    "\t\t- entropy, cross-entropy, KL divergence\n"
    "---\n"
    "# Mathematics for AI\n"
    "Work through [[Linear Algebra]] first: everything else uses it.\n"
)
MLOPS = (
    "#map\n"
    "# MLOps\n"
    "Back to [[AI Engineer]].\n"
    "## Packaging\n"
    "- [[Docker for ML]] — images, reproducible environments\n"
    "- [[Model Registry]]\n"
    "## Monitoring\n"
    "- [[Experiment Tracking]] — runs, metrics, artifacts\n"
    "- [[Drift Detection]]\n"
    "  data drift, concept drift, alerts\n"
)
NLP = (
    "# NLP Systems\n"
    "\n"
    "- Core:\n"
    "    - [[Tokenization]] — BPE, WordPiece, vocabularies\n"
    "    - [[Embeddings]]\n"
    "- Models:\n"
    "    - [[Transformers]] — attention is all you need\n"
    "    - [[Retrieval]] — BM25, dense retrieval, reranking\n"
)

ISSUE_TOPICS: dict[str, list[str]] = {
    "Mathematics for AI": [
        "Linear Algebra",
        "Calculus",
        "Probability & Statistics",
        "Optimization",
        "Information Theory",
    ],
    "MLOps": ["Docker for ML", "Model Registry", "Experiment Tracking", "Drift Detection"],
    "NLP Systems": ["Tokenization", "Embeddings", "Transformers", "Retrieval"],
}

ISSUE_NOTES: dict[str, str] = {
    # Dataview inline field, no frontmatter
    "Linear Algebra.md": "# Linear Algebra\n\nhours:: 12\n\nVectors, matrices, linear maps.\n",
    # frontmatter hours and requires
    "Calculus.md": (
        "---\nhours: 20\nrequires: ['[[Linear Algebra]]']\ntags: [math]\n---\n# Calculus\n"
    ),
    # no frontmatter; a leaf's own links are not followed (Convex Analysis is no topic)
    "Optimization.md": "# Optimization\nSee [[Convex Analysis]] and [[Calculus]].\n",
    "Docker for ML.md": "---\ntags: [mlops, tools]\naliases: [docker]\n---\n# Docker for ML\n",
    "Experiment Tracking.md": "Track every run. Compare with [[Model Registry]].\n",
    "Tokenization.md": "---\nhours: 4\n---\n",
    "Embeddings.md": "requires:: [[Tokenization]]\nhours:: 6\n",
}

# Notes beside the roadmap that airoadmap cannot read: never part of the curriculum.
ISSUE_JUNK: dict[str, str | bytes] = {
    "Daily/2026-11-28.md": (
        "---\ntitle: [unclosed\ntags: daily\n---\nStudied [[Linear Algebra]] for an hour.\n"
    ),
    "Meetings/Weekly sync.md": "---\nkind: meeting\nattendees: [ada, bob]\n---\nAbout [[MLOps]].\n",
    "Clippings/latin1.md": b"---\ntitle: Caf\xe9 cr\xe8me\n---\nR\xe9sum\xe9 of [[MLOps]].\n",
    "Clippings/Big clipping.md": ("A long article about [[Calculus]], pasted whole.\n" * 45_000),
}


@dataclass(frozen=True)
class IssueVault:
    root: Path
    hub: str  # the title to give --hub
    areas: dict[str, list[str]]  # area title -> its maps' titles, both in the order they appear
    topics: dict[str, list[str]]  # title of a map note in the vault -> its topics' titles
    written: frozenset[str]  # titles of the topics that have a note
    junk: tuple[Path, ...]  # notes the curriculum does not reach that cannot be read
    other: tuple[Path, ...]  # readable notes the curriculum does not reach

    @property
    def maps(self) -> list[str]:
        return [m for maps in self.areas.values() for m in maps]

    @property
    def unwritten(self) -> frozenset[str]:
        """Topics linked from a map note that have no note yet (Obsidian's unresolved links)."""
        return frozenset(t for ts in self.topics.values() for t in ts) - self.written


def issue_vault(root: Path) -> IssueVault:
    """Write the vault of issue 13's "Done when" into `root`."""
    write(root, "AI Engineer.md", ISSUE_HUB)
    write(root, "Maps/Mathematics for AI.md", MATHEMATICS)
    write(root, "Maps/MLOps.md", MLOPS)
    write(root, "Maps/NLP Systems.md", NLP)
    for name, text in ISSUE_NOTES.items():
        write(root, f"Topics/{name}", text)
    junk = tuple(write(root, name, text) for name, text in ISSUE_JUNK.items())
    other = (
        write(root, "Inbox.md", "Things to read: [[Vision Systems]], [[Convex Analysis]].\n"),
        write(root, "Convex Analysis.md", "---\nkind: topic\nhours: 40\n---\n"),
    )
    assert (root / "Clippings/Big clipping.md").stat().st_size >= 2 << 20
    written = frozenset(name.removesuffix(".md") for name in ISSUE_NOTES)
    return IssueVault(root, "AI Engineer", ISSUE_AREAS, ISSUE_TOPICS, written, junk, other)


# --- a community MOC vault ------------------------------------------------------------------------

_MOC = "---\naliases:\n- \ntags: \n- MOC\npublish: true\n---\n"
_SEEDLING = "---\naliases: \n- \ntags:\n- seedling\npublish: true\n---\n"
_HUB_BEGIN = "%% Hub MOCs: Don’t edit below  %%\n"
_HUB_END = "%% Hub MOCs: Don’t edit above  %%\n"
_ZOOT_BEGIN = "%% Zoottelkeeper: Beginning of the autogenerated index file list  %%\n"
_ZOOT_END = "%% Zoottelkeeper: End of the autogenerated index file list  %%\n"


def _footer(path: str) -> str:
    return (
        "\n%% Hub footer: Please don't edit anything below this line %%\n\n"
        "# This note in GitHub\n\n"
        '<span class="git-footer">[Edit In GitHub](https://github.dev/obsidian-community/'
        f'obsidian-hub/blob/main/{path.replace(" ", "%20")} "git-hub-edit-note") | '
        "[Download this vault](https://github.com/obsidian-community/obsidian-hub/archive/refs/"
        'heads/main.zip "git-hub-download-vault") </span>\n'
    )


def _index(folder: str, names: list[str]) -> str:
    """The auto-generated list of a Hub MOC: path-qualified links aliased by the note's name."""
    return "".join(f"-  [[{folder}/{name}|{name}]]\n" for name in names)


@dataclass(frozen=True)
class MocVault:
    root: Path
    hub: str  # the top MOC note's title, for --hub
    sections: list[str]  # the section MOCs' titles, in the top MOC's order
    section: str  # one section MOC that no other note of the curriculum links to
    section_notes: frozenset[str]  # the titles of every note under it (its sub-MOCs' notes too)
    not_structure: frozenset[str]  # notes named only in comments and embeds: never topics
    reached: int  # notes the top MOC reaches (itself included)
    notes: int  # notes written in all


PEOPLE = ["0918nobita", "Bryan Jenks", "Zoë Müller", "Андрей Петров", "李明", "O'Brien, Pat"]
PLUGINS = ["Dataview", "Templater", "QuickAdd", "Excalidraw", "Kanban", "Day Planner (OG)"]
GUIDES = [
    "An Introduction to Dataview",
    "How to Style Obsidian",
    "How to add content through GitHub",
    "Markdown Syntax",  # a second "Markdown Syntax.md" sits one folder up, outside the MOCs
    "Using Obsidian as a TTRPG Campaign Manager",
    "Want some Sass with your obsidian theme‽ here's How and Why",
    "YT  - Intro to Dataview Plugin",
    "YT - Dataview Plugin - How to Use this Powerful Obsidian Plugin (With Examples)",
    "YT - How to use QuickAdd",
]
TALKS = ["Breadcrumbs Showcase", "CSS 101 - Community Talk", "Obsidian 101", "Zettelkasten 101"]
WORKFLOWS = [
    "for Academic Writing",
    "for Beginners",
    "for Creative Writing",
    "for Plugin Developers",
    "for TTRPG",
    "for Vim users",
]
CONCEPTS = [
    "A Brief History and Ethos of the Digital Garden",
    "Digital garden",
    "HTML",
    "LaTeX",
    "Maps of Content (MOC)",  # MOC in the name, not in the tags: a topic
    "Markdown",
    "PARA",
    "Spaced repetition",
    "YAML frontmatter",
    "Zettelkasten",
    "📚 Reading + Writing",
]
LANGUAGES = ["日本語のノート", "Заметки о Markdown", "Ελληνικά σημειώσεις", "C++ & Rust, compared"]
EVENTS = ["Obsidian October 2021", "Gems of the Year 2021", "Obsidian October 2022"]
TEMPLATES = ["T - Daily note", "T - New Note", "T - Literature note"]


def moc_vault(root: Path, *, notes: int = 3000) -> MocVault:
    """Write a vault shaped like the Obsidian Hub into `root`: `notes` notes in all, most of them
    daily notes, clippings and archives that the top MOC `community-vault` does not reach."""
    people = [*PEOPLE, *(f"user-{i:04d}" for i in range(120))]
    plugins = [*PLUGINS, *(f"obsidian-plugin-{i:03d}" for i in range(80))]
    concepts = [*CONCEPTS, *(f"Concept {i:03d}" for i in range(30))]
    sections = [
        "🗂️ 01 - Community",
        "🗂️ 02 - Community Expansions",
        "🗂️ 03 - Showcases & Templates",
        "🗂️ 04 - Guides, Workflows, & Courses",
        "🗂️ 05 - Concepts",
    ]
    folders = [s.removeprefix("🗂️ ") for s in sections]
    count = {"written": 0, "reached": 0}

    def note(name: str, text: str, *, reached: bool = True) -> None:
        write(root, name, text)
        count["written"] += 1
        count["reached"] += reached

    def seedlings(folder: str, names: list[str], body: str = "") -> None:
        for name in names:
            note(f"{folder}/{name}.md", f"{_SEEDLING}\n# {name}\n\n{body}{_footer(folder)}")

    # The top MOC: a link in the prose before any heading, then the auto-generated index.
    index = "".join(f"-  [[{f}/{s}|{s}]]\n" for f, s in zip(folders, sections, strict=True))
    note(
        "community-vault.md",
        f"{_MOC}\nThis is an auto-generated MOC. For more information about this vault, visit "
        f"[[00 - Start here]]\n\n## MOC\n\n{_ZOOT_BEGIN}{index}{_ZOOT_END}\n",
    )
    note(
        "00 - Start here.md",
        "---\naliases:\n- \ntags:\n- \n---\n\n\n![[README]]\n\n\nWe think of this vault as a "
        "digital garden. You can check out a few sample notes here:\n\n"
        "- [[Obsidian October 2021]]\n- [[How to Style Obsidian]]\n"
        "- [[YT - How to use QuickAdd|How to use QuickAdd]]\n\n"
        "You can also take a look at the (auto-generated) index for our vault:\n\n"
        "![[community-vault#MOC]]\n\nDidn't find what you were looking for? Please check out "
        "[[CONTRIBUTING|how to contribute]].\n",
    )
    note("README.md", "# Obsidian Hub\n\nWelcome! See [[00 - Start here]].\n", reached=False)
    note("CONTRIBUTING.md", "# Contributing\n\nOpen a pull request.\n")

    # 01 - Community: frontmatter tags [MOC]; its prose links a sibling section (not its child).
    community = "01 - Community"
    note(
        f"{community}/🗂️ 01 - Community.md",
        f"{_MOC}\n# 🗂️ 01 - Community\n\nAll things related to the Obsidian Community.\n"
        "- Overviews of the work of notable people are under [[🗂️ People]]\n"
        "- The folder [[🗂️ Events]] is for the events of the Community. (Looking for specific "
        "guides instead? Head over to [[🗂️ 04 - Guides, Workflows, & Courses]]!)\n\n## MOC\n\n"
        f"{_ZOOT_BEGIN}-  [[{community}/Events/🗂️ Events|🗂️ Events]]\n"
        f"-  [[{community}/People/🗂️ People|🗂️ People]]\n{_ZOOT_END}{_footer(community)}",
    )
    note(
        f"{community}/People/🗂️ People.md",
        f"{_MOC}\n# 🗂️ People\n\nOverviews of all the work from notable People.\n\n## MOC\n\n"
        f"{_HUB_BEGIN}{_index(f'{community}/People', people)}{_HUB_END}"
        "%% TODO add [[Someone Not Yet Listed]] %%\n" + _footer(community),
    )
    for i, person in enumerate(people):
        note(
            f"{community}/People/{person}.md",
            f"---\naliases: []\ntags: [author]\ngithub: {person!r}\n---\n\n# {person}\n\n"
            f"Wrote [[{plugins[i % len(plugins)]}]].\n",
        )
    # tagged in the body, no tags in the frontmatter
    note(
        f"{community}/Events/🗂️ Events.md",
        "---\naliases:\n- \n---\n#MOC\n\n# 🗂️ Events\n\n"
        + _index(f"{community}/Events", EVENTS)
        + _footer(community),
    )
    seedlings(f"{community}/Events", EVENTS, "Part of [[🗂️ Events]].\n")

    # 02 - Community Expansions: flow-style tags; a sub-MOC tagged `moc` (a string, lower case).
    expansions = "02 - Community Expansions"
    plugins_folder = f"{expansions}/02.05 All Community Expansions/Plugins"
    note(
        f"{expansions}/🗂️ 02 - Community Expansions.md",
        "---\naliases: ['']\ntags: [MOC]\n---\n\n# 🗂️ 02 - Community Expansions\n\n## MOC\n\n"
        f"{_HUB_BEGIN}-  [[{plugins_folder}/🗂️ Plugins|🗂️ Plugins]]\n{_HUB_END}"
        + _footer(expansions),
    )
    note(
        f"{plugins_folder}/🗂️ Plugins.md",
        "---\naliases:\n- \ntags: moc\n---\n\n# 🗂️ Plugins\n\n"
        + _index(plugins_folder, plugins)
        + _footer(plugins_folder),
    )
    for i, plugin in enumerate(plugins):
        note(
            f"{plugins_folder}/{plugin}.md",
            f"{_SEEDLING}\n# {plugin}\n\nBy [[{people[i % len(people)]}]]. "
            "![[plugin-screenshot.png]]\n",
        )

    # 03 - Showcases & Templates: empty tags in the frontmatter, `#MOC` in the body.
    showcases = "03 - Showcases & Templates"
    note(
        f"{showcases}/🗂️ 03 - Showcases & Templates.md",
        "---\naliases:\n- \ntags:\n- \n---\n\n#MOC\n\n# 🗂️ 03 - Showcases & Templates\n\n"
        f"## MOC\n\n{_HUB_BEGIN}-  [[{showcases}/Templates/🗂️ Templates|🗂️ Templates]]\n"
        f"{_HUB_END}" + _footer(showcases),
    )
    note(
        f"{showcases}/Templates/🗂️ Templates.md",
        "#MOC\n\n# 🗂️ Templates\n\n" + _index(f"{showcases}/Templates", TEMPLATES),
    )
    for template in TEMPLATES:
        note(
            f"{showcases}/Templates/{template}.md",
            f"{_SEEDLING}\n# {template}\n\n```\n<% tp.date.now() %> [[<% tp.file.title %>]]\n```\n",
        )

    # 04 - Guides, Workflows, & Courses, as the real note: prose links to two sub-MOCs and to two
    # sibling sections, then the index (a sub-MOC, a note tagged seedling, the `for ...` notes).
    guides = "04 - Guides, Workflows, & Courses"
    note(
        f"{guides}/🗂️ 04 - Guides, Workflows, & Courses.md",
        f"{_MOC}\n# 🗂️ 04 - Guides, Workflows, & Courses\n\n"
        "Here you can find [[🗂️ Guides|various guides, written or in video form]] how to "
        "accomplish various tasks.\n\nIf you want more guided introductions, you can also check "
        "out the various [[🗂️ Courses]] offered by Community members.\n\nAre you rather looking "
        "for examples? Then check out [[🗂️ 03 - Showcases & Templates|the examples and "
        "showcases]] instead, or the [[🗂️ 02 - Community Expansions]].\n\n"
        "## MoCs for Specific Areas\n\n"
        f"{_HUB_BEGIN}-  [[{guides}/Community Talks/🗂️ Community Talks|🗂️ Community Talks]]\n"
        f"-  [[{guides}/Courses/🗂️ Courses|🗂️ Courses]]\n"
        f"-  [[{guides}/Guides/🗂️ Guides|🗂️ Guides]]\n"
        + _index(guides, WORKFLOWS)
        + _HUB_END
        + _footer(guides),
    )
    note(
        f"{guides}/Guides/🗂️ Guides.md",
        "---\naliases:\n- \ntags:\n- MOC\n---\n\n# Guides\n\n#placeholder/description \n\n"
        f"## MOC\n\n{_HUB_BEGIN}{_index(f'{guides}/Guides', GUIDES)}{_HUB_END}"
        "%%\n- [[An Old Guide Taken Down]]\n%%\n\n## Contributing\n\n"
        "1. Create a note under one of the subfolders\n"
        "2. Apply the `[[T - Meeting Note]]` template\n" + _footer(guides),
    )
    seedlings(f"{guides}/Guides", GUIDES, "See also [[Markdown]] and [[🗂️ Courses|course]].\n")
    # the same name as a guide, in the folder above: the links name the folder
    note(f"{guides}/Markdown Syntax.md", "---\ntitle: [an old copy\n---\n", reached=False)
    note(
        f"{guides}/Community Talks/🗂️ Community Talks.md",
        f"{_MOC}\n# 🗂️ Community Talks\n\n" + _index(f"{guides}/Community Talks", TALKS),
    )
    seedlings(f"{guides}/Community Talks", TALKS, "<iframe src='https://youtube.com'></iframe>\n")
    # tagged seedling, not MOC: a topic, whatever it links to
    note(
        f"{guides}/Courses/🗂️ Courses.md",
        "---\naliases: \n- \n- Online Courses\ntags: \n- seedling\npublish: true\n---\n\n"
        "#  Courses\n\n- [[Obsidian Training Course in Russian]]\n",
    )
    note(
        f"{guides}/Courses/Obsidian Training Course in Russian.md",
        f"{_SEEDLING}\n# Course\n",
        reached=False,  # linked from a topic only
    )
    seedlings(guides, WORKFLOWS, "![[2021.07.17#^594d70]]\n- [[Obsidian Help]]\n")

    # 05 - Concepts: aliased links in the prose, the index, a sub-MOC, a link in a comment and an
    # embed of a note that nothing else links to.
    concepts_folder = "05 - Concepts"
    languages = f"{concepts_folder}/Languages"
    note(
        f"{concepts_folder}/🗂️ 05 - Concepts.md",
        f"{_MOC}\n# 🗂️ 05 - Concepts\n\nConfused by all the technical lingo like "
        "[[YAML frontmatter|YAML]], [[Markdown|Markdown]], or [[LaTeX|LaTeX]]? Or feel "
        'overwhelmed by the "schools" of Personal Knowledge Management like '
        "[[Spaced repetition]], [[PARA]], or [[Digital garden]]?\n\n"
        "![[Obsidian Publish Preview]]\n![[concept-map.png]]\n"
        "%% [[Draft Concept]] goes in once written %%\n\n## MOC\n\n"
        f"{_HUB_BEGIN}{_index(concepts_folder, concepts)}"
        f"-  [[{languages}/🗂️ Languages|🗂️ Languages]]\n{_HUB_END}" + _footer(concepts_folder),
    )
    seedlings(concepts_folder, concepts, "Related: [[Obsidian]].\n")
    note(
        f"{concepts_folder}/Obsidian Publish Preview.md", f"{_SEEDLING}\n# Preview\n", reached=False
    )
    note(f"{concepts_folder}/Draft Concept.md", "Half a thought.\n", reached=False)
    note(
        f"{languages}/🗂️ Languages.md",
        "---\naliases:\n- \n- Sprachen\ntags: [MOC, concepts/languages]\n---\n"
        "# 🗂️ Languages\n\n- Up: [[🗂️ 05 - Concepts]]\n"
        + "".join(f"- [[{languages}/{name}|{name}]]\n" for name in LANGUAGES),
    )
    seedlings(languages, LANGUAGES)

    # What the top MOC does not reach: daily notes, clippings, an archive with broken YAML.
    i = 0
    while count["written"] < notes:
        if i % 10 < 6:
            day = date(2016, 1, 1) + timedelta(days=i)
            name = f"Daily/{day.year}/{day.isoformat()}.md"
            text = (
                f"---\ndate: {day.isoformat()}\ntags: [daily]\n---\n# {day:%A %d %B %Y}\n\n"
                f"- Read about [[{concepts[i % len(concepts)]}]], "
                f"[[{plugins[i % len(plugins)]}]]\n"
            )
        elif i % 10 < 9:
            name = f"Clippings/Clipping {i}.md"
            text = (
                f'---\ntitle: "Clipping {i}"\nsource: https://example.org/{i}\nauthor:\n  - '
                '"[[Obsidian Hub]]"\ntags:\n  - "clippings"\n---\n' + "Lorem ipsum. " * 80
            )
        else:
            name = f"99 - Archive/🗂️ Old index {i}.md"
            text = "---\ntitle: [unclosed\ntags: MOC\n---\n- [[Markdown]]\n- [[Dataview]]\n"
        note(name, text, reached=False)
        i += 1

    return MocVault(
        root=root,
        hub="community-vault",
        sections=sections,
        section="🗂️ 05 - Concepts",
        section_notes=frozenset([*concepts, *LANGUAGES]),
        not_structure=frozenset(
            {"Obsidian Publish Preview", "Draft Concept", "Someone Not Yet Listed", "README"}
            | {"An Old Guide Taken Down", "T - Meeting Note", "Obsidian Training Course in Russian"}
        ),
        reached=count["reached"],
        notes=count["written"],
    )
