"""The frontmatter schema, derived from `Meta`: text read leniently (YAML's numbers and dates in a
text field are text), links in either form, ids checked, unknown keys ignored. Imported only
when a note has to be parsed (a warm command reads the cache instead)."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from pydantic import AfterValidator, BeforeValidator

from airoadmap import derive
from airoadmap.domain.names import printable
from airoadmap.models import ID_PATTERN, Kind, Resource
from airoadmap.notes.note import Meta


def _scalar_to_str(value: Any) -> Any:
    """YAML reads `title: 2024` as a number (and `2024-01-31` as a date); it is text all the same.
    Control characters are dropped: text from a note is printed to terminals."""
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, str):
        return printable(value)
    return value


def _link_to_str(value: Any) -> Any:
    """Unquoted `up: [[Note]]` is a nested list in YAML; read it as the wikilink it meant."""
    depth = 0
    while isinstance(value, list) and len(value) == 1:
        value, depth = value[0], depth + 1
    if depth and isinstance(value, str):
        return f"[[{value}]]"
    return _scalar_to_str(value)


def _one_or_many(convert: Any) -> Any:
    """A list, as Obsidian reads one: a single value is a list of one, and empty or null items
    (`aliases:` followed by a bare `-`, as templates leave them) are not there."""

    def validate(value: Any) -> Any:
        if value is None:
            return []
        if not isinstance(value, list):
            value = [value]
        items = [convert(item) for item in value if item is not None]
        return [item for item in items if not (isinstance(item, str) and not item.strip())]

    return validate


def _tag(value: Any) -> Any:
    """A tag as Obsidian shows it: `#math` and `math` are the same tag."""
    value = _scalar_to_str(value)
    return value.lstrip("#") if isinstance(value, str) else value


def _id_is_slug(value: str | None) -> str | None:
    if value is not None and not (value == value.lower() and ID_PATTERN.fullmatch(value)):
        raise ValueError(f"{value!r} is not a valid id (lowercase letters, digits, '-', '_', '.')")
    return value


Text = Annotated[str, BeforeValidator(_scalar_to_str)]
Link = Annotated[str, BeforeValidator(_link_to_str)]
TextList = Annotated[list[str], BeforeValidator(_one_or_many(_scalar_to_str))]
TagList = Annotated[list[str], BeforeValidator(_one_or_many(_tag))]
LinkList = Annotated[list[str], BeforeValidator(_one_or_many(_link_to_str))]

_RESOURCE = derive.schema(Resource, swap={str: Text}, extra="ignore")
_META = derive.schema(
    Meta,
    swap={str: Text, tuple[str, ...]: TextList, Resource: _RESOURCE},
    field_swap={
        "id": Annotated[Text | None, AfterValidator(_id_is_slug)],
        "up": Link | None,
        "requires": LinkList,
        "tags": TagList,
    },
    extra="ignore",
)


def check_meta(frontmatter: dict[str, Any]) -> Meta:
    """A note's frontmatter as Meta; `pydantic.ValidationError` names each wrong field."""
    return derive.build(Meta, _META.model_validate(frontmatter))  # type: ignore[no-any-return]


def placement(frontmatter: dict[str, Any]) -> Meta:
    """What a note whose frontmatter has a wrong field says of its name and place (`id`,
    `title`, `aliases`, `up`, `kind`, where those are right), so that it is found by its links
    and judged only if it is part of the curriculum."""

    def text(key: str, convert: Any = _scalar_to_str) -> str | None:
        value = convert(frontmatter.get(key))
        return value if isinstance(value, str) and value.strip() else None

    kind = frontmatter.get("kind")
    aliases = _one_or_many(_scalar_to_str)(frontmatter.get("aliases"))
    name = text("id")
    return Meta(
        id=name
        if name is not None and name == name.lower() and ID_PATTERN.fullmatch(name)
        else None,
        title=text("title"),
        aliases=tuple(a for a in aliases if isinstance(a, str)),
        up=text("up", _link_to_str),
        kind=Kind(kind)
        if isinstance(kind, str) and kind in Kind.__members__.values()
        else Kind.TOPIC,
    )
