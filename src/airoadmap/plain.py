"""The plain forms of the models, derived from their fields rather than written out per class:

- `document(obj)`: the form a store (TOML) and `--json` hold — a mapping of the fields that are
  set, enums as their values, nested models as mappings, a model's `extra` keys merged in;
- `codec(cls)`: a compact positional form of builtins only (times as timestamps), for the
  caches, whose layout follows the fields, and whose `fingerprint` changes when a field does.
"""

from __future__ import annotations

import dataclasses
import typing
from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from enum import Enum
from functools import cache
from types import NoneType, UnionType
from typing import Any, NamedTuple

from airoadmap.cache import blake2b

Convert = Callable[[Any], Any] | None  # None: the value is its own plain form

EXTRA = "extra"
"""The field in which a model keeps the keys this version does not know."""

CHECK = "check"
"""The key of a field's metadata that holds what its schema checks beyond the type, as
`pydantic.Field` arguments (`derive` reads it)."""


def _fields(cls: type) -> list[str]:
    if dataclasses.is_dataclass(cls):
        return [f.name for f in dataclasses.fields(cls)]
    return list(cls._fields)  # type: ignore[attr-defined]  # a NamedTuple


def is_model(hint: Any) -> bool:
    return isinstance(hint, type) and (
        dataclasses.is_dataclass(hint) or (issubclass(hint, tuple) and hasattr(hint, "_fields"))
    )


# --- the document form (TOML, JSON) ------------------------------------------------------------


def document(value: Any, *, canonical: bool = False) -> Any:
    """`value` as a store or a JSON document holds it: models as mappings of their set fields
    (None is left out: TOML has no null), `extra` keys first (a known key wins), enums as
    values, tuples as lists. Times stay times; the caller writes them as its format does.

    With `canonical`, every mapping's keys are sorted and times are in UTC to the second, so
    the same value is always the same document (a store diffs and merges cleanly)."""
    kind: Any = type(value)
    if kind in _PLAIN:
        return value
    if kind is datetime or isinstance(value, datetime):
        return value.astimezone(UTC).replace(microsecond=0) if canonical else value
    if isinstance(value, Enum):
        return value.value
    names = _model_fields(kind)
    if names is not None:
        extra = getattr(value, EXTRA, None)
        data: dict[str, Any] = {} if not extra else document(extra, canonical=canonical)
        for name in names:
            item = getattr(value, name)
            if item is not None and name != EXTRA:
                data[name] = document(item, canonical=canonical)
        return dict(sorted(data.items())) if canonical else data
    if isinstance(value, list | tuple):
        return [document(item, canonical=canonical) for item in value]
    if isinstance(value, Mapping):
        if not canonical:
            return {key: document(item) for key, item in value.items()}
        # TOML has no null: a null among unknown keys (from an imported JSON export) is left out
        return {
            key: document(value[key], canonical=True)
            for key in sorted(value)
            if value[key] is not None
        }
    return value


_PLAIN = frozenset({str, int, float, bool, NoneType})


@cache
def _model_fields(kind: Any) -> tuple[str, ...] | None:
    """The fields of a model class (a dataclass or NamedTuple), or None for other types."""
    return tuple(_fields(kind)) if is_model(kind) else None


# --- the cache form ----------------------------------------------------------------------------


class Codec(NamedTuple):
    """A model to and from a list of builtins, a position per field."""

    encode: Callable[[Any], list[Any]]
    decode: Callable[[list[Any]], Any]


def _to_stamp(moment: datetime) -> float:
    return moment.timestamp()


def _from_stamp(stamp: float) -> datetime:
    return datetime.fromtimestamp(stamp, UTC)


def _optional(convert: Convert) -> Convert:
    if convert is None:
        return None
    return lambda value: None if value is None else convert(value)


def _sequence(convert: Convert, kind: type) -> Convert:
    if convert is None:
        return list if kind is list else tuple
    return lambda values: kind([convert(value) for value in values])


def _mapping(convert: Convert) -> Convert:
    if convert is None:
        return dict  # a read-only mapping becomes a plain one
    return lambda values: {key: convert(value) for key, value in values.items()}


def converter(hint: Any, leaf: Callable[[Any], Convert], *, lists: bool = False) -> Convert:
    """How to convert a value of type `hint`, containers and all: optional values stay None,
    sequences and mappings are converted item by item (sequences as lists with `lists`, else
    as the type says), and `leaf` says how for any other type (None: as it is)."""
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin in (UnionType, typing.Union):
        [inner] = [a for a in args if a is not NoneType]
        return _optional(converter(inner, leaf, lists=lists))
    if origin in (tuple, list):
        kind = list if lists or origin is list else tuple
        return _sequence(converter(args[0], leaf, lists=lists), kind)
    if origin in (dict, Mapping):
        return _mapping(converter(args[1], leaf, lists=lists))
    return leaf(hint)


def _to_plain(hint: Any) -> Convert:
    if hint is datetime:
        return _to_stamp
    if isinstance(hint, type) and issubclass(hint, Enum):
        return lambda member: member.value
    if is_model(hint):
        return codec(hint).encode
    return _as_it_is(hint)


def _from_plain(hint: Any) -> Convert:
    if hint is datetime:
        return _from_stamp
    if isinstance(hint, type) and issubclass(hint, Enum):
        return {member.value: member for member in hint}.__getitem__
    if is_model(hint):
        return codec(hint).decode
    return _as_it_is(hint)


def _as_it_is(hint: Any) -> Convert:
    if hint in (str, int, float, bool, Any) or typing.get_origin(hint) is not None:
        return None
    raise TypeError(f"no plain form for {hint!r}")


def _converters(hint: Any) -> tuple[Convert, Convert]:
    """(to plain, from plain) for a value of type `hint`; None where the value is plain."""
    return converter(hint, _to_plain, lists=True), converter(hint, _from_plain)


@cache
def codec(cls: type) -> Codec:
    """The cache form of `cls` (a dataclass or NamedTuple), from its fields' types."""
    hints = typing.get_type_hints(cls)
    names = _fields(cls)
    encoders, decoders = zip(*(_converters(hints[name]) for name in names), strict=True)
    return Codec(
        _compiled(
            "encode",
            "obj",
            "[{}]",
            [f"obj.{name}" for name in names],
            encoders,
            {},
        ),
        _compiled(
            "decode",
            "row",
            "cls({})",
            [f"row[{i}]" for i in range(len(names))],
            decoders,
            {"cls": cls},
        ),
    )


def _compiled(
    name: str,
    argument: str,
    shape: str,
    parts: list[str],
    converters: tuple[Convert, ...],
    namespace: dict[str, Any],
) -> Callable[[Any], Any]:
    """A function of `argument` returning `shape` filled with `parts`, each passed through its
    converter when it has one. Written out as code, as `dataclasses` writes `__init__`: a cache
    of 50,000 topics is decoded field by field, and a loop over the fields costs twice as much."""
    values = []
    for i, (part, convert) in enumerate(zip(parts, converters, strict=True)):
        if convert is None:
            values.append(part)
        else:
            namespace[f"c{i}"] = convert
            values.append(f"c{i}({part})")
    source = f"def {name}({argument}):\n    return {shape.format(', '.join(values))}\n"
    exec(source, namespace)  # our own field names and positions, nothing read
    return namespace[name]  # type: ignore[no-any-return]


@cache
def fingerprint(*classes: type) -> str:
    """A short digest of the fields (names and types) of `classes` and the models they hold:
    a cache written for other fields is never read as these."""
    seen: dict[str, str] = {}

    def visit(cls: type) -> None:
        if cls.__qualname__ in seen:
            return
        hints = typing.get_type_hints(cls)
        seen[cls.__qualname__] = repr([(name, repr(hints[name])) for name in _fields(cls)])
        if dataclasses.is_dataclass(cls):  # what a schema checks beyond the type counts too
            seen[cls.__qualname__] += repr([f.metadata.get(CHECK) for f in dataclasses.fields(cls)])
        for hint in hints.values():
            for part in (hint, *_inner_types(hint)):
                if is_model(part):
                    visit(part)
                elif isinstance(part, type) and issubclass(part, Enum):
                    seen[part.__qualname__] = repr([member.value for member in part])

    for cls in classes:
        visit(cls)
    return blake2b(repr(sorted(seen.items())).encode(), digest_size=8).hexdigest()


def _inner_types(hint: Any) -> list[Any]:
    found: list[Any] = []
    for arg in typing.get_args(hint):
        found.append(arg)
        found.extend(_inner_types(arg))
    return found
