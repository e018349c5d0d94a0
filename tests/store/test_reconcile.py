"""Where sources disagree."""


def test_conflicts_show_the_two_required_examples(store):
    found = store.conflicts()
    cp_rows = found[found["measure"] == "cp_children_count"]
    # The paper against the minutes (and the scorecard's same 587 against the minutes too).
    assert set(cp_rows["source_id_a"]) == {
        "cabinet_2019_11_18_report_improvement_board",
        "cyp_scrutiny_2019_autumn_minutes_improvement_plan",
    }
    cp = cp_rows[cp_rows["source_id_a"] == "cabinet_2019_11_18_report_improvement_board"].iloc[0]
    assert {cp["value_a"], cp["value_b"]} == {587, 100} and cp["reason"] == "conflict"
    assert {cp["source_id_a"], cp["source_id_b"]} == {
        "cabinet_2019_11_18_report_improvement_board",
        "cyp_scrutiny_2019_autumn_minutes_improvement_plan",
    }
    assert "reduced from 600 a year ago to 100" in cp["quote_b"] and "(587)" in cp["quote_a"]
    agency = found[
        (found["measure"] == "social_workers_agency_percent") & (found["source_id_b"] == "dfe_workforce")
    ].iloc[0]
    assert (agency["value_a"], agency["value_b"], agency["period_label_b"], agency["reason"]) == (
        44,
        38.5,
        "30 Sep 2019",
        "definition_differs",
    )


def test_whole_years_that_only_touch_are_not_conflicts(store):
    found = store.conflicts()
    assert not ((found["source_id_a"] == "dfe_referrals") | (found["measure"] == "unmapped")).any()
    assert set(found["reason"]) == {"conflict", "definition_differs"}
