import pytest

from croydon_kpi.reports import pack


@pytest.fixture(scope="module")
def october(store):
    """Croydon's pack for October 2019, as its sections see it."""
    return pack.prepare("2019-10", "Croydon", store).context
