"""The version of trackgen: it names every file trackgen generates."""

__version__ = "0.1.0"
