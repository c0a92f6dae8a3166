"""Pydantic schemas derived from the models' fields, and their checked values turned back into
the models: the one place where untrusted input (a note's frontmatter, a store) meets the
definitions in `models`, without a second list of fields to keep in step.

A field's `metadata` carries what a schema checks beyond its type, as `pydantic.Field`
arguments (`{"check": {"ge": 0}}`); `swap` says which schema type reads a model type."""

from __future__ import annotations

import dataclasses
import typing
from collections.abc import Mapping
from functools import cache
from types import NoneType, UnionType
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, create_model

from airoadmap.plain import CHECK, EXTRA

_hints = cache(typing.get_type_hints)
_fields = cache(dataclasses.fields)


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
    config = ConfigDict(extra=extra, allow_inf_nan=False, populate_by_name=True)
    return create_model(f"{cls.__name__}Schema", __config__=config, **fields)


def build(cls: type, checked: BaseModel) -> Any:
    """The model `cls` from its checked schema: nested schemas built too, lists as tuples
    where `cls` holds tuples, unknown keys (where kept) in `extra`."""
    hints = _hints(cls)
    values: dict[str, Any] = {}
    for item in _fields(cls):
        if item.name == EXTRA:
            values[EXTRA] = dict(checked.model_extra or {})
        else:
            values[item.name] = _built(hints[item.name], getattr(checked, _key(item.name)))
    return cls(**values)


def _built(hint: Any, value: Any) -> Any:
    if value is None:
        return None
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin in (UnionType, typing.Union):
        [inner] = [arg for arg in args if arg is not NoneType]
        return _built(inner, value)
    if isinstance(value, BaseModel):
        return build(hint, value)
    if origin is tuple:
        return tuple(_built(args[0], item) for item in value)
    if origin is list:
        return [_built(args[0], item) for item in value]
    if origin in (dict, Mapping):
        return {key: _built(args[1], item) for key, item in value.items()}
    return value
