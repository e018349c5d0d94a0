"""The synthetic borough: deterministic for a seed, and marked synthetic everywhere."""

import pandas as pd

from croydon_kpi.childlevel import engine as childlevel


def test_synthetic_borough_is_deterministic_and_marked():
    from croydon_kpi.childlevel.synthetic import generate

    first, again = (
        generate(seed=7, children=20_000, start="2019-01", end="2019-03"),
        generate(seed=7, children=20_000, start="2019-01", end="2019-03"),
    )
    assert set(first) == {
        f"list_{n}_" + suffix
        for n, suffix in [
            (1, "contacts"),
            (2, "early_help"),
            (3, "referrals"),
            (4, "assessments"),
            (5, "section_47"),
            (6, "children_in_need"),
            (7, "child_protection"),
            (8, "children_looked_after"),
            (9, "care_leavers"),
            (10, "adoption"),
            (11, "adopters"),
        ]
    }
    for name in first:
        pd.testing.assert_frame_equal(first[name], again[name])
        assert (first[name]["Synthetic data"] == "yes").all()
    tiny = generate(seed=7, children=300, start="2019-01", end="2019-03")  # a borough as small as the Isles of Scilly
    assert len(tiny["list_8_children_looked_after"]) < 20
    ids = first["list_7_child_protection"]["Child Unique ID"]
    assert ids.str.fullmatch(r"SYNTHETIC-\d{6}").all()
    # The synthetic borough's CP visits improve as the seed report describes.
    scorecard = childlevel.monthly_scorecard(generate()).set_index(["measure", "month"])["value"]
    assert (
        scorecard[("cp_visits_timely_percent", "2017-01")]
        < 70
        < 85
        < scorecard[("cp_visits_timely_percent", "2019-10")]
    )
