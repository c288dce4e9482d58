"""strategist: a strategy-process workbench for innovation clusters."""

__version__ = "0.1.0"
