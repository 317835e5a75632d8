"""Hand-written template banks of the synthetic corpus (see corpus/README.md)."""
