"""Benchmarks of strategist: `make bench` runs `python -m bench.run` (see its docstring)."""
