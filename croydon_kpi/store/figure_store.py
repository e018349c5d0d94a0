"""The figure store: every figure from every source under data/sources/, in one typed table.

The names the rest of the package, the notebooks and the benchmarks import, gathered in one place:
the query API is store/queries.py, reading the sources (through the readers registry and the
store's door) store/loading.py, and the on-disk and in-process cache store/cache.py.
"""

from __future__ import annotations

from croydon_kpi.store.cache import cache_key, forget
from croydon_kpi.store.loading import load_store, read_sources
from croydon_kpi.store.queries import FigureStore

__all__ = ["FigureStore", "load_store", "read_sources", "cache_key", "forget"]
