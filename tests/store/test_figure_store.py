"""The figure store's facade: the names callers import from croydon_kpi.store.figure_store are
those of the modules that do the work."""

from croydon_kpi.store import cache, figure_store, loading, queries


def test_the_facade_gives_the_working_modules_names():
    assert figure_store.FigureStore is queries.FigureStore
    assert figure_store.load_store is loading.load_store and figure_store.read_sources is loading.read_sources
    assert figure_store.cache_key is cache.cache_key and figure_store.forget is cache.forget


def test_the_package_gives_the_same_store():
    import croydon_kpi

    assert croydon_kpi.load_store is loading.load_store and croydon_kpi.FigureStore is queries.FigureStore
