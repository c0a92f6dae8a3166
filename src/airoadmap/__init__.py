"""airoadmap: work through a learning roadmap kept as Markdown notes."""

__version__ = "0.1.0"
