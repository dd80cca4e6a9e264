"""The version of accountplan."""

__version__ = "0.1.0"
