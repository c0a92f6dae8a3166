"""Pydantic schemas derived from the models' fields, and their checked values turned back into
the models: the one place where untrusted input (a note's frontmatter, a store) meets the
definitions in `models`, without a second list of fields to keep in step.

A field's `metadata` carries what a schema checks beyond its type, as `pydantic.Field`
arguments (`{"check": {"ge": 0}}`); `swap` says which schema type reads a model type."""

from __future__ import annotations

import dataclasses
import typing
from collections.abc import Callable, Mapping
from functools import cache
from types import UnionType
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, create_model

from airoadmap.plain import CHECK, EXTRA, converter, is_model


def _key(name: str) -> str:
    """The schema's name for a field: `schema` would shadow pydantic's own attribute."""
    return f"{name}_" if hasattr(BaseModel, name) else name


def _swapped(hint: Any, swap: Mapping[Any, Any]) -> Any:
    """`hint` with each type in `swap` replaced: `tuple[X, ...]` reads a list, `Mapping` a dict."""
    if hint in swap:
        return swap[hint]
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin in (UnionType, typing.Union):
        return typing.Union[tuple(_swapped(arg, swap) for arg in args)]  # noqa: UP007
    if origin is tuple:
        return list[_swapped(args[0], swap)]  # type: ignore[misc]
    if origin is list:
        return list[_swapped(args[0], swap)]  # type: ignore[misc]
    if origin in (dict, Mapping):
        return dict[_swapped(args[0], swap), _swapped(args[1], swap)]  # type: ignore[misc]
    return hint


def schema(
    cls: type,
    *,
    swap: Mapping[Any, Any],
    extra: typing.Literal["allow", "forbid", "ignore"],
    field_swap: Mapping[str, Any] | None = None,
) -> type[BaseModel]:
    """A pydantic model that checks a mapping meant as `cls`: the same fields and defaults, the
    types after `swap` (by type) and `field_swap` (by field name), and the checks in each
    field's metadata. `extra="allow"` keeps unknown keys, for `build` to put in `extra`."""
    hints = typing.get_type_hints(cls)
    fields: dict[str, Any] = {}
    for item in dataclasses.fields(cls):
        if item.name == EXTRA:
            continue
        hint = (field_swap or {}).get(item.name) or _swapped(hints[item.name], swap)
        if item.default is not dataclasses.MISSING:
            default: Any = item.default
        elif item.default_factory is not dataclasses.MISSING:
            default = item.default_factory()
        else:
            default = ...
        checks = dict(item.metadata.get(CHECK, {}))
        if _key(item.name) != item.name:
            checks["alias"] = item.name
        fields[_key(item.name)] = (hint, Field(default, **checks))
    config = ConfigDict(extra=extra, allow_inf_nan=False)
    return create_model(f"{cls.__name__}Schema", __config__=config, **fields)


def build(cls: type, checked: BaseModel) -> Any:
    """The model `cls` from its checked schema: nested schemas built too, lists as tuples
    where `cls` holds tuples, unknown keys (where kept) in `extra`."""
    values: dict[str, Any] = {}
    for name, key, convert in _plan(cls):
        if name == EXTRA:
            values[EXTRA] = dict(checked.model_extra or {})
        else:
            value = getattr(checked, key)
            values[name] = value if convert is None else convert(value)
    return cls(**values)


@cache
def _plan(cls: type) -> list[tuple[str, str, Callable[[Any], Any] | None]]:
    """For each field of `cls`: its name, its schema's name, and how to turn the checked value
    into the model's (None: it is already)."""
    hints = typing.get_type_hints(cls)
    return [
        (item.name, _key(item.name), None if item.name == EXTRA else _converter(hints[item.name]))
        for item in dataclasses.fields(cls)
    ]


def _converter(hint: Any) -> Callable[[Any], Any] | None:
    """Nested schemas built as their models, lists as tuples where the model holds tuples."""
    return converter(
        hint, lambda leaf: (lambda value: build(leaf, value)) if is_model(leaf) else None
    )
