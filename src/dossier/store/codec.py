"""Records to JSON-ready data and back (pydantic's TypeAdapter over the dataclasses)."""

from __future__ import annotations

import json
from functools import cache
from typing import Any, TypeVar

from pydantic import TypeAdapter

T = TypeVar("T")


@cache
def _adapter(cls: type[Any]) -> TypeAdapter[Any]:
    return TypeAdapter(cls)


def to_data(obj: Any) -> Any:
    """A record as plain JSON data."""
    return _adapter(type(obj)).dump_python(obj, mode="json")


def from_data(cls: type[T], data: Any) -> T:
    """The record of type ``cls`` that ``data`` describes."""
    return _adapter(cls).validate_python(data)  # type: ignore[no-any-return]


def dumps(obj: Any) -> str:
    return json.dumps(to_data(obj), ensure_ascii=False, separators=(",", ":"))


def loads(cls: type[T], text: str) -> T:
    return from_data(cls, json.loads(text))
