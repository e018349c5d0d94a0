"""Readers: one module per source kind, each turning a file under data/sources/ into figures; \
READERS maps the name in sources.yaml to its function."""
