"""Publish: the jobs, papermill runs, offline HTML, atomic publishing and the croydon-kpi command."""
