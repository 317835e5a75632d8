"""Benchmarks: synthetic datasets and the `benchmark_*` commands that time the service beside the
machine's limits. Installed as an app for its commands only; it may import every app, and no
serving app imports it."""
