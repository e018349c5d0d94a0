import pytest

from croydon_kpi import load_store


@pytest.fixture(scope="session")
def store():
    """The store over the bundled data (read once per test session)."""
    return load_store()
