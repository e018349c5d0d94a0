"""Publish: what can be built, running notebooks with papermill, offline HTML, atomic publishing and the croydon-kpi command."""
