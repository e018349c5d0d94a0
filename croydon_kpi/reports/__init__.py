"""Reports: what each report shows, in words, formatted tables and charts (one palette), and the files exported beside it."""
