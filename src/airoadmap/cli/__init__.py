"""The command-line interface: parse, resolve locations, call the core, render."""

from __future__ import annotations

from airoadmap.cli import browse as _browse  # noqa: F401  (registers the commands)
from airoadmap.cli.app import app


def main() -> None:
    app()


__all__ = ["app", "main"]
