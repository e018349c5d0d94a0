"""The council's three groups with the computed check beside them."""

from croydon_kpi.reports.pack.groups import group_counts, groups_table


def test_the_group_counts_as_reported_and_as_computed(october):
    counts = group_counts(october).set_index("Group")
    assert counts["Reported by the council"].tolist() == [9, 8, 6]
    assert counts["Computed check"].tolist() == [1, 17, 5]  # too few months for SPC: only stated positions place


def test_every_grouped_measure_is_listed_once(october):
    table = groups_table(october)
    assert len(table) == 23 and table["Measure"].is_unique
