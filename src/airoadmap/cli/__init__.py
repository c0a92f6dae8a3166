"""The command-line interface: parse, resolve locations, call the core, render."""

from __future__ import annotations

# Importing the command modules registers their commands, in this order, on `app`.
from airoadmap.cli import browse as _browse  # noqa: F401
from airoadmap.cli import plan as _plan  # noqa: F401
from airoadmap.cli import study as _study  # noqa: F401
from airoadmap.cli.app import app


def main() -> None:
    app()


__all__ = ["app", "main"]
