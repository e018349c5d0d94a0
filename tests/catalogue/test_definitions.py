"""Definitions kept as data: a file's top-level key, its entries' keys and dates, checked."""

from datetime import date

import pytest

from croydon_kpi.catalogue.definitions import check_date, check_entry, read_definitions
from croydon_kpi.errors import CatalogueError


def test_the_bundled_childlevel_rules_read_with_their_top_level_key():
    shown, versions = read_definitions("childlevel_parameters", "versions")
    assert shown == "data/catalogue/childlevel_parameters.yaml" and versions[0]["from"] == date(2013, 4, 15)


def test_a_misspelt_key_is_refused_with_the_keys_that_are_known():
    with pytest.raises(CatalogueError, match=r"unknown key\(s\) sorce \(known keys: from, source\)"):
        check_entry({"from": date(2019, 1, 1), "sorce": "x"}, "rules, version 1", {"from"}, {"source"})


def test_a_missing_key_is_named():
    with pytest.raises(CatalogueError, match="rules, version 2: missing source"):
        check_entry({"from": date(2019, 1, 1)}, "rules, version 2", {"from", "source"})


def test_text_that_looks_like_a_date_is_not_a_date():
    assert check_date(date(2019, 10, 31), "x") == date(2019, 10, 31)
    with pytest.raises(CatalogueError, match="'31/10/2019' is not a date"):
        check_date("31/10/2019", "rules, version 1, from")
