"""Reports: the report registry and what each report shows, in words, tables and charts (one palette)."""
