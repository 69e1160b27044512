"""Benchmarks with their own make targets (`make bench-search`); not imported by the app."""
