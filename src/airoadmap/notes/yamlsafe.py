"""YAML frontmatter, parsed safely: the safe loader only (no Python tags), aliases that cannot
expand without bound, nesting checked before parsing, and errors located by line."""

from __future__ import annotations

import re
from typing import Any

import yaml
from frontmatter.default_handlers import YAMLHandler

from airoadmap.errors import NoteProblem

MAX_YAML_NODES = 20_000
"""Nodes a note's frontmatter may hold once aliases are expanded (stops "billion laughs")."""

MAX_YAML_DEPTH = 200
"""Levels of nesting allowed in frontmatter (an upper bound is checked before parsing)."""

_YAML = YAMLHandler()
_SafeLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_TOML_FENCE = re.compile(r"\A\+{3,}[ \t]*$", re.MULTILINE)
_JSON_FENCE = re.compile(r"\A\{[ \t]*$", re.MULTILINE)


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.MappingNode):
        return [part for pair in node.value for part in pair]
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    return []


def _check_expansion(root: yaml.Node) -> None:
    """Refuse a node graph whose aliases expand past MAX_YAML_NODES, or that refers to itself.
    Linear in the distinct nodes: each node's expanded size is computed once."""
    sizes: dict[int, int] = {}
    pending: set[int] = set()
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, expanded = stack.pop()
        key = id(node)
        if key in sizes:
            continue
        if expanded:
            pending.discard(key)
            sizes[key] = 1 + sum(sizes[id(child)] for child in _children(node))
            if sizes[key] > MAX_YAML_NODES:
                raise NoteProblem(
                    f"invalid YAML frontmatter: aliases expand to over {MAX_YAML_NODES:,} values"
                )
            continue
        if key in pending:
            raise NoteProblem("invalid YAML frontmatter: an alias refers to itself")
        pending.add(key)
        stack.append((node, True))
        stack.extend((child, False) for child in _children(node) if id(child) not in sizes)


_STR = "tag:yaml.org,2002:str"
_SEQ = "tag:yaml.org,2002:seq"
_MAP = "tag:yaml.org,2002:map"
_MERGE = "tag:yaml.org,2002:merge"
_VALUE = "tag:yaml.org,2002:value"  # a plain `=` key: PyYAML's mapping reads it as a string


class _FastLoader(_SafeLoader):  # type: ignore[valid-type,misc]
    """The safe loader with a leaner construction of the plain cases — strings, lists and
    mappings — which are nearly all of a frontmatter; every other node (numbers, booleans,
    dates, merge keys, any tag) goes to the safe constructor itself. PyYAML's own construction
    is half the time of parsing a note."""

    def construct_document(self, node: yaml.Node) -> object:
        return self._build(node)

    def _build(self, node: yaml.Node) -> object:
        tag = node.tag
        if tag == _STR and isinstance(node, yaml.ScalarNode):
            return node.value
        if tag == _SEQ and isinstance(node, yaml.SequenceNode):
            return [self._build(child) for child in node.value]
        if (
            tag == _MAP
            and isinstance(node, yaml.MappingNode)
            and not any(key.tag in (_MERGE, _VALUE) for key, _ in node.value)
        ):
            mapping: dict[object, object] = {}
            for key_node, value_node in node.value:
                key = self._build(key_node)
                try:
                    mapping[key] = self._build(value_node)
                except TypeError:
                    raise yaml.constructor.ConstructorError(
                        None, None, "a list or mapping used as a key", key_node.start_mark
                    ) from None
            return mapping
        try:
            return self.construct_object(node, deep=True)
        except (ValueError, LookupError, AttributeError, TypeError):
            # PyYAML's own constructors fail so on a value their tag cannot hold (a date
            # 2024-02-30, `!!bool maybe`, `!!int` on a mapping): say which, and where.
            kind = node.tag.rsplit(":", 1)[-1]
            what = repr(node.value) if isinstance(node, yaml.ScalarNode) else "this collection"
            raise yaml.constructor.ConstructorError(
                None, None, f"{what} is not a valid {kind}", node.start_mark
            ) from None


class _BoundedLoader(_FastLoader):
    """`_FastLoader`, refusing alias bombs before anything is built."""

    def construct_document(self, node: yaml.Node) -> object:
        _check_expansion(node)
        return super().construct_document(node)


_LINE_LEAD = re.compile(r"^ *(?:[-?] +)*", re.MULTILINE)


def _nesting_bound(text: str) -> int:
    """An upper bound on YAML nesting: the deepest indentation plus `- ` run at a line's start,
    plus every open bracket in the text."""
    if len(text) <= MAX_YAML_DEPTH:
        return len(text)
    lead = max((len(m) for m in _LINE_LEAD.findall(text)), default=0)
    return lead + text.count("[") + text.count("{")


_TOP_KEY = re.compile(r"^([A-Za-z_][\w-]*)[ \t]*:", re.MULTILINE)


def _key_lines(frontmatter: str, offset: int) -> dict[str, int]:
    """Each top-level key's line in the file, for error messages."""
    lines: dict[str, int] = {}
    line, counted = offset + 1, 0
    for match in _TOP_KEY.finditer(frontmatter):
        line += frontmatter.count("\n", counted, match.start())
        counted = match.start()
        lines.setdefault(match.group(1), line)
    return lines


def split_frontmatter(text: str) -> tuple[dict[str, Any], str, dict[str, int]] | None:
    """(the frontmatter mapping, the body, key → line) or None when the note has none."""
    assert _YAML.FM_BOUNDARY is not None
    opening = _YAML.FM_BOUNDARY.match(text)
    if opening is None:
        if _TOML_FENCE.match(text):
            raise NoteProblem("TOML frontmatter (+++) is not supported: use YAML between ---", 1)
        if _JSON_FENCE.match(text):
            raise NoteProblem("JSON frontmatter ({) is not supported: use YAML between ---", 1)
        return None
    try:
        frontmatter, body = _YAML.split(text)
    except ValueError:
        raise NoteProblem("frontmatter opened with '---' but never closed", 1) from None
    offset = text[: opening.end()].count("\n")
    if _nesting_bound(frontmatter) > MAX_YAML_DEPTH:
        raise NoteProblem(
            f"invalid YAML frontmatter: nested too deeply (over {MAX_YAML_DEPTH} levels)", 1
        )
    try:
        # Without a `*` there can be no alias, and nothing to expand.
        loader = _BoundedLoader if "*" in frontmatter else _FastLoader
        data = _YAML.load(frontmatter, Loader=loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = offset + mark.line + 1 if mark is not None else None
        reason = exc.problem or exc.context or "invalid YAML"
        raise NoteProblem(f"invalid YAML frontmatter: {reason}", line) from None
    except yaml.YAMLError as exc:
        raise NoteProblem(f"invalid YAML frontmatter: {exc}", 1) from None
    except RecursionError:
        raise NoteProblem("invalid YAML frontmatter: nested too deeply", 1) from None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise NoteProblem(f"frontmatter is a {type(data).__name__}, not a mapping of keys", 2)
    return data, body, _key_lines(frontmatter, offset)
